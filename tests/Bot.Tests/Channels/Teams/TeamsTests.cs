using System.Net;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Handoff;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Support.TeamsActivities;

namespace Bot.Tests.Channels.Teams;

/// <summary>
/// Teams-shaped activities posted to <c>/api/messages</c>, with a local server playing the Bot Connector service:
/// staff get the dialogs as cards, technicians get a card for every new ticket and claim it, and the desk writes into
/// Teams conversations later.
/// </summary>
public class TeamsTests
{
    private const string TechniciansChannel = "19:technicians@thread.tacv2";
    private static readonly Texts English = Texts.For("en");
    private static readonly Member Teacher = new("29:teacher", "aad-teacher", "Dana Whitfield");
    private static readonly Member Sam = new("29:sam", "aad-sam", "Sam Reyes");
    private static readonly Member Lee = new("29:lee", "aad-lee", "Lee Park");

    [Fact]
    public async Task A_teacher_in_a_personal_chat_is_recognised_by_email_greeted_by_name_and_offered_fixes_on_a_card()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        await AddTeacherAsync(database, "dana.whitfield@district.example.org");
        connector.AddMember(Teacher.Id, Teacher.AadObjectId, Teacher.Name, "Dana.Whitfield@district.example.org", "dwhitfield@district.example.org");

        var response = await client.PostActivityAsync(PersonalMessage(connector.ServiceUrl, Teacher, "a:personal-dana", "my hotspot won't connect"));

        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        var greeting = await connector.NextAsync();
        var searching = await connector.NextAsync();
        var offer = await connector.NextAsync();
        Assert.StartsWith(English.GreetingFor("Dana"), greeting.Text, StringComparison.Ordinal);
        Assert.Equal("typing", searching.Type);
        var card = offer.Activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.hero", (string?)card["contentType"]);
        Assert.Contains(English.OfferArticles, (string?)card["content"]!["text"], StringComparison.Ordinal);
        Assert.Contains("hotspot", card["content"]!["buttons"]![0]!["title"]!.ToString(), StringComparison.OrdinalIgnoreCase);

        // Known by their Entra object id from now on, without asking Teams again.
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM person_addresses WHERE channel = 'msteams' AND address = 'aad-teacher'"));
    }

    [Fact]
    public async Task Someone_Teams_cannot_describe_is_served_as_not_recognised()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);

        await app.CreateClient().PostActivityAsync(PersonalMessage(connector.ServiceUrl, Lee, "a:personal-lee", "my hotspot won't connect"));

        Assert.Equal(English.Greeting, (await connector.NextAsync()).Text);
    }

    [Fact]
    public async Task Installing_the_app_for_oneself_greets_and_adding_it_to_a_team_says_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();

        await client.PostActivityAsync(TeamInstall(connector.ServiceUrl, Lee, TechniciansChannel));
        await client.PostActivityAsync(PersonalInstall(connector.ServiceUrl, Lee, "a:personal-lee"));

        var greeting = await connector.NextAsync();
        Assert.Equal(("a:personal-lee", $"{English.Greeting} {English.AskProblem}"), (greeting.ConversationId, greeting.Text));
        await Task.Delay(300);
        Assert.Equal(0, connector.Pending);
    }

    [Fact]
    public async Task A_message_in_a_channel_is_understood_without_the_mention()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);

        // "status" is a command only when nothing else is in the message.
        await app.CreateClient().PostActivityAsync(ChannelMessage(connector.ServiceUrl, Lee, "19:staff@thread.tacv2;messageid=1", "status"));

        var reply = await connector.NextAsync();
        Assert.Equal(("19:staff@thread.tacv2;messageid=1", English.NoOpenTickets), (reply.ConversationId, reply.Text));
    }

    [Fact]
    public async Task Every_new_ticket_starts_a_thread_in_the_technicians_channel_with_a_card_to_claim_it()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = TeamsDesk(database, connector);
        await AddTeacherAsync(database, "dana.whitfield@district.example.org");

        var ticket = await OpenTicketAsync(app, personId: 1, summary: "Hotspot drops every few minutes [link](https://evil.example)");

        var alert = await connector.NextAsync();
        Assert.Equal(TechniciansChannel, (string?)alert.Parameters!["channelData"]!["channel"]!["id"]);
        Assert.Equal(TenantId, (string?)alert.Parameters["channelData"]!["tenant"]!["id"]);
        Assert.Equal(true, (bool?)alert.Parameters["isGroup"]);
        var card = alert.Activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        var text = CardText(card["content"]!);
        Assert.Contains($"New ticket {ticket.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Dana Whitfield (teacher)", text, StringComparison.Ordinal);
        Assert.Contains("network", text, StringComparison.Ordinal);
        Assert.Contains("Hotspot drops every few minutes", text, StringComparison.Ordinal);
        var action = card["content"]!["actions"]![0]!;
        Assert.Equal(("Action.Execute", "claim", ticket.Number), ((string?)action["type"], (string?)action["verb"], (string?)action["data"]!["ticket"]));
        var open = card["content"]!["actions"]![1]!;
        Assert.Equal(("Action.OpenUrl", $"https://desk.district.example.org/console/tickets/{ticket.Number}"), ((string?)open["type"], (string?)open["url"]));

        // What people wrote is a text run, which Teams never reads as Markdown.
        var summary = card["content"]!["body"]!.AsArray().Single(block => CardText(block!).Contains("Hotspot drops", StringComparison.Ordinal))!;
        Assert.Equal(("RichTextBlock", "TextRun"), ((string?)summary["type"], (string?)summary["inlines"]![0]!["type"]));
    }

    [Fact]
    public async Task An_outage_of_Teams_delays_the_alert_and_loses_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        connector.FailNext(3);
        await using var app = TeamsDesk(database, connector);

        var ticket = await OpenTicketAsync(app, personId: null, summary: "Chromebook will not turn on");

        var alert = await connector.NextAsync(TimeSpan.FromSeconds(20));
        Assert.Contains($"New ticket {ticket.Number}", CardText(alert.Activity["attachments"]![0]!["content"]!), StringComparison.Ordinal);
        // The worker records the send just after the service accepted it.
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        var attempts = 0;
        for (var wait = 0; wait < 100 && attempts == 0; wait++)
        {
            await Task.Delay(50);
            attempts = await connection.ExecuteScalarAsync<int?>("SELECT attempts FROM outbox WHERE channel = 'msteams' AND sent_at IS NOT NULL") ?? 0;
        }

        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task The_first_technician_to_press_claim_gets_the_ticket_and_the_card_says_so_the_second_is_told_politely()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = TeamsDesk(database, connector);
        var client = app.CreateClient();
        await ConsoleBrowser.CreateAccountAsync(app, "sam.reyes@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(app, "lee.park@district.example.org", AccountRoles.Technician, name: "Lee Park");
        connector.AddMember(Sam.Id, Sam.AadObjectId, Sam.Name, "sam.reyes@district.example.org", "sreyes@district.example.org");
        connector.AddMember(Lee.Id, Lee.AadObjectId, Lee.Name, "lee.park@district.example.org", "lpark@district.example.org");
        var ticket = await OpenTicketAsync(app, personId: null, summary: "Chromebook will not turn on");
        var alert = await connector.NextAsync();
        var claim = new JsonObject { ["ticket"] = ticket.Number };

        var samClaims = await InvokeAsync(client, CardAction(connector.ServiceUrl, Sam, alert.ConversationId, "connector-1", "claim", claim));
        var updated = await connector.NextUpdateAsync();
        var leeClaims = await InvokeAsync(client, CardAction(connector.ServiceUrl, Lee, alert.ConversationId, "connector-1", "claim", (JsonObject)claim.DeepClone()));

        Assert.Equal((200, "application/vnd.microsoft.card.adaptive"), ((int?)samClaims["statusCode"], (string?)samClaims["type"]));
        Assert.Contains("Claimed by Sam Reyes", CardText(samClaims["value"]!), StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", samClaims["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("connector-1", alert.ConversationId), (updated.ReplyToId, updated.ConversationId));
        Assert.Contains("Claimed by Sam Reyes", CardText(updated.Activity["attachments"]![0]!["content"]!), StringComparison.Ordinal);
        Assert.Contains("Lee Park, Sam Reyes already has this ticket.", CardText(leeClaims["value"]!), StringComparison.Ordinal);
        var stored = await app.Services.GetRequiredService<TicketStore>().FindAsync(ticket.Number, CancellationToken.None);
        Assert.Equal(("sam.reyes@district.example.org", "open"), (stored!.Assignee, stored.Status));
    }

    [Fact]
    public async Task Someone_without_a_console_account_cannot_claim_and_is_told_why()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = TeamsDesk(database, connector);
        connector.AddMember(Lee.Id, Lee.AadObjectId, Lee.Name, "lee.park@district.example.org", "lpark@district.example.org");
        var ticket = await OpenTicketAsync(app, personId: null, summary: "Chromebook will not turn on");
        var alert = await connector.NextAsync();

        var answer = await InvokeAsync(app.CreateClient(), CardAction(connector.ServiceUrl, Lee, alert.ConversationId, "connector-1", "claim", new JsonObject { ["ticket"] = ticket.Number }));

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        Assert.Contains("Only desk technicians can claim tickets", (string?)answer["value"], StringComparison.Ordinal);
        Assert.Null((await app.Services.GetRequiredService<TicketStore>().FindAsync(ticket.Number, CancellationToken.None))!.Assignee);
    }

    [Fact]
    public async Task A_technician_writes_into_the_teachers_own_Teams_chat_from_the_console()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var (sam, ticket, handoff) = await TeacherTakenOverAsync(app, connector);

        await handoff.ReplyAsync(ticket, sam, "Is the hotspot's light blue or orange?", CancellationToken.None);

        var reply = await connector.NextAsync();
        Assert.Equal(("a:personal-dana", "Sam: Is the hotspot's light blue or orange?"), (reply.ConversationId, reply.Text));
        Assert.Equal((BotId, Teacher.Id), ((string?)reply.Activity["from"]!["id"], (string?)reply.Activity["recipient"]!["id"]));
        var transcript = await app.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Equal(1, transcript.Count(message => message.Text == "Sam: Is the hotspot's light blue or orange?"));
    }

    [Fact]
    public async Task A_technician_shares_an_article_in_the_teachers_Teams_chat_as_the_card_the_bot_shows()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var (sam, ticket, handoff) = await TeacherTakenOverAsync(app, connector);
        var article = app.Services.GetRequiredService<Bot.Dialogs.Knowledge.KnowledgeBase>().Articles.First(a => a.Topic == "hotspot" && a.Language == "en");

        await handoff.ReplyAsync(ticket, sam, "These steps usually bring it back.", article, CancellationToken.None);

        var reply = await connector.NextAsync();
        Assert.Equal(("a:personal-dana", "Sam: These steps usually bring it back."), (reply.ConversationId, reply.Text));
        var card = Assert.Single(reply.Activity["attachments"]!.AsArray())!;
        Assert.Equal(("application/vnd.microsoft.card.hero", article.Title), ((string?)card["contentType"], (string?)card["content"]!["title"]));
        Assert.Equal(string.Join("\n\n", article.Steps.Select((step, i) => $"{i + 1}. {step}")), (string?)card["content"]!["text"]);
    }

    /// <summary>
    /// The teacher writes to the bot in a personal chat, a ticket is opened on it, and Sam takes it over from the
    /// console: the teacher was told Sam is helping.
    /// </summary>
    private static async Task<(Account Sam, Ticket Ticket, HandoffService Handoff)> TeacherTakenOverAsync(DeskApp app, BotConnectorServer connector)
    {
        await app.CreateClient().PostActivityAsync(PersonalMessage(connector.ServiceUrl, Teacher, "a:personal-dana", "my hotspot won't connect"));
        await connector.NextAsync();
        await connector.NextAsync();
        await connector.NextAsync();
        var sam = await ConsoleBrowser.CreateAccountAsync(app, "sam.reyes@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        var ticket = await OpenTicketAsync(app, personId: null, summary: "Hotspot drops", conversation: "a:personal-dana");
        var handoff = app.Services.GetRequiredService<HandoffService>();
        await handoff.TakeOverAsync(ticket, sam, CancellationToken.None);
        var joined = await connector.NextAsync();
        Assert.Equal(("a:personal-dana", English.TechnicianJoined("Sam", ticket.Number)), (joined.ConversationId, joined.Text));
        return (sam, ticket, handoff);
    }

    private static DeskApp TeamsDesk(TestDatabase database, BotConnectorServer connector) => DeskApp.On(database, settings: new()
    {
        ["Teams:TechniciansChannelId"] = TechniciansChannel,
        ["Teams:TenantId"] = TenantId,
        ["Teams:ServiceUrl"] = connector.ServiceUrl.ToString(),
        ["Teams:App:PublicUrl"] = "https://desk.district.example.org/",
        ["Twilio:RetryBaseDelay"] = "00:00:00.050",
    });

    /// <summary>A ticket opened as the escalation dialog opens one, on a conversation of its own unless one is named.</summary>
    private static async Task<Ticket> OpenTicketAsync(DeskApp app, long? personId, string summary, string? conversation = null)
    {
        var channel = conversation is null ? "sms" : "msteams";
        var conversationId = await app.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity(channel, conversation ?? "+15555550123", conversation is null ? "+15555550123" : Teacher.AadObjectId, null, DateTimeOffset.UtcNow),
            CancellationToken.None);
        return await app.Services.GetRequiredService<TicketStore>().CreateAsync(new NewTicket
        {
            ConversationId = conversationId,
            Channel = channel,
            RequesterAddress = conversation is null ? "+15555550123" : Teacher.AadObjectId,
            Language = "en",
            Topic = "hotspot",
            Category = "network",
            Summary = summary,
            PersonId = personId,
        }, CancellationToken.None);
    }

    private static async Task AddTeacherAsync(TestDatabase database, string email)
    {
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO people (sourced_id, role, given_name, family_name, email, active, updated_at) VALUES ('t1', 'teacher', 'Dana', 'Whitfield', @Email, @Active, @Now)",
            new { Email = email, Active = true, Now = DateTimeOffset.UtcNow });
    }

    private static async Task<JsonObject> InvokeAsync(HttpClient client, JsonObject invoke)
    {
        var response = await client.PostActivityAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Every text on a card, in order, whatever element holds it.</summary>
    private static string CardText(JsonNode card) => string.Join('\n', card.ToJsonString() is var json
        ? System.Text.RegularExpressions.Regex.Matches(json, "\"(?:text|value|title)\":\"((?:[^\"\\\\]|\\\\.)*)\"").Select(match => System.Text.RegularExpressions.Regex.Unescape(match.Groups[1].Value))
        : []);
}
