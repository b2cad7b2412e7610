using System.Net;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>A technician takes an SMS conversation over from the console, talks to the student, and resolves the ticket.</summary>
public class HandoffTests
{
    private const string Student = "+15555550123";
    private static readonly Texts English = Texts.For("en");

    [Fact]
    public async Task A_technician_claims_takes_over_replies_by_sms_sees_the_students_answer_and_resolves()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ticket = await EscalateAsync(desk);
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        var lee = await ConsoleBrowser.SignedInAsync(desk.App, "lee@district.example.org", AccountRoles.Technician, "Lee Park");
        var page = $"/console/tickets/{ticket.Number}";

        var queue = await sam.PageAsync("/console/tickets?assignee=unassigned");
        Assert.Contains($">{ticket.Number}</a>", queue, StringComparison.Ordinal);
        Assert.Contains("on track", queue, StringComparison.Ordinal);

        Assert.Contains("T-1001 is yours.", await BodyAsync(await sam.SubmitAsync(page, "claim", new Dictionary<string, string>())), StringComparison.Ordinal);
        var leeSees = await lee.PageAsync(page);
        Assert.DoesNotContain("name=\"_handler\" value=\"claim\"", leeSees, StringComparison.Ordinal);
        Assert.Contains("sam@district.example.org", leeSees, StringComparison.Ordinal);

        await sam.SubmitAsync(page, "takeover", new Dictionary<string, string>());
        Assert.Equal(English.TechnicianJoined("Sam", "T-1001"), (await desk.Twilio.NextAsync()).Body);

        // The student answers; the bot stays quiet and the technician sees it on the ticket.
        await desk.Webhooks.TextAsync(Student, "it still shows a black screen");
        await ProcessedAsync(desk, "it still shows a black screen");
        Assert.Equal(0, desk.Twilio.Pending);
        Assert.Contains("it still shows a black screen", await sam.PageAsync(page), StringComparison.Ordinal);

        await sam.SubmitAsync(page, "reply", new Dictionary<string, string> { ["Reply.Text"] = "Hold the power key for 30 seconds, then try again." });
        Assert.Equal("Sam: Hold the power key for 30 seconds, then try again.", (await desk.Twilio.NextAsync()).Body);

        var resolved = await BodyAsync(await sam.SubmitAsync(page, "resolve", new Dictionary<string, string> { ["Resolve.Text"] = "hard reset brought it back" }));
        Assert.Equal(English.TicketResolved("T-1001", "hard reset brought it back"), (await desk.Twilio.NextAsync()).Body);
        Assert.Contains("T-1001 is resolved, and they were told.", resolved, StringComparison.Ordinal);

        var stored = await desk.App.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None);
        Assert.Equal(("resolved", "sam@district.example.org", "hard reset brought it back"), (stored!.Status, stored.Assignee, stored.Resolution));
        Assert.NotNull(stored.FirstResponseAt);
        var transcript = await desk.App.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(stored.Id, CancellationToken.None);
        Assert.Equal(["user", "bot", "system", "user", "technician", "system"], Compact(transcript));

        // Back with the bot: the next text is answered by it again.
        await desk.Webhooks.TextAsync(Student, "menu");
        Assert.False(string.IsNullOrEmpty((await desk.Twilio.NextAsync()).Body));
    }

    [Fact]
    public async Task Pages_left_open_while_a_colleague_acts_say_what_happened_and_never_text_the_student_twice()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ticket = await EscalateAsync(desk);
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        var lee = await ConsoleBrowser.SignedInAsync(desk.App, "lee@district.example.org", AccountRoles.Technician, "Lee Park");
        var page = $"/console/tickets/{ticket.Number}";
        var leeOpened = await lee.PageAsync(page);
        var samOpened = await sam.PageAsync(page);

        await sam.SubmitAsync(page, "takeover", new Dictionary<string, string>());
        Assert.Equal(English.TechnicianJoined("Sam", "T-1001"), (await desk.Twilio.NextAsync()).Body);
        var leeTakesOver = await BodyAsync(await lee.SubmitFromAsync(leeOpened, page, "takeover", new Dictionary<string, string>()));
        var samTakesOverAgain = await BodyAsync(await sam.SubmitFromAsync(samOpened, page, "takeover", new Dictionary<string, string>()));
        var samWithTheReplyBox = await sam.PageAsync(page);
        await sam.SubmitAsync(page, "resolve", new Dictionary<string, string> { ["Resolve.Text"] = "new charger" });
        Assert.Equal(English.TicketResolved("T-1001", "new charger"), (await desk.Twilio.NextAsync()).Body);
        var leeResolves = await BodyAsync(await lee.SubmitFromAsync(leeOpened, page, "resolve", new Dictionary<string, string> { ["Resolve.Text"] = "charger" }));
        var samReplies = await BodyAsync(await sam.SubmitFromAsync(samWithTheReplyBox, page, "reply", new Dictionary<string, string> { ["Reply.Text"] = "Anything else?" }));
        var samHandsBack = await BodyAsync(await sam.SubmitFromAsync(samWithTheReplyBox, page, "handback", new Dictionary<string, string>()));

        Assert.Contains("sam@district.example.org has already taken this conversation over.", leeTakesOver, StringComparison.Ordinal);
        Assert.Contains("You already have the conversation.", samTakesOverAgain, StringComparison.Ordinal);
        Assert.Contains("T-1001 is already resolved.", leeResolves, StringComparison.Ordinal);
        Assert.Contains("The bot has this conversation now; take it over first.", samReplies, StringComparison.Ordinal);
        Assert.Contains("The bot already had this conversation.", samHandsBack, StringComparison.Ordinal);
        await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE body IN (@Joined, @Resolved)", new
        {
            Joined = English.TechnicianJoined("Sam", "T-1001"),
            Resolved = English.TicketResolved("T-1001", "new charger"),
        }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%Anything else?%'"));
        var resolved = (await desk.App.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        Assert.Equal(("resolved", "new charger"), (resolved.Status, resolved.Resolution));
    }

    [Fact]
    public async Task A_conversation_that_cannot_be_texted_is_refused_with_the_reason()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ticket = await EscalateAsync(desk);
        await desk.Webhooks.TextAsync(Student, "STOP");
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");

        var refused = await BodyAsync(await sam.SubmitAsync($"/console/tickets/{ticket.Number}", "takeover", new Dictionary<string, string>()));

        Assert.Contains("has opted out of texts (STOP)", refused, StringComparison.Ordinal);
        Assert.Null(await desk.App.Services.GetRequiredService<ConversationStore>().HumanAgentAsync(ticket.ConversationId, CancellationToken.None));
        Assert.Equal(0, desk.Twilio.Pending);
    }

    [Fact]
    public async Task A_prepared_reply_written_by_an_admin_is_filled_in_for_the_ticket_and_technicians_cannot_edit_them()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ticket = await EscalateAsync(desk);
        var ada = await ConsoleBrowser.SignedInAsync(desk.App, "ada@district.example.org", AccountRoles.Admin, "Ada Admin");
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");

        await ada.SubmitAsync("/console/responses", "save-response", new Dictionary<string, string>
        {
            ["Input.Title"] = "On it",
            ["Input.Language"] = "en",
            ["Input.Body"] = "Ticket {ticket}: we will answer {due}. {typo}",
        });
        using var denied = await sam.GetAsync("/console/responses");
        await sam.SubmitAsync($"/console/tickets/{ticket.Number}", "takeover", new Dictionary<string, string>());
        var page = await sam.PageAsync($"/console/tickets/{ticket.Number}?canned=1");

        Assert.Equal("/console/denied", denied.Headers.Location!.AbsolutePath);
        Assert.Contains("<option value=\"1\">On it</option>", page, StringComparison.Ordinal);
        Assert.Matches(@"<textarea[^>]*>Ticket T-1001: we will answer [^{<]+\. \{typo\}</textarea>", page);

        // Choosing an article, then a prepared reply, without script: each Insert form keeps what the other chose.
        var shared = await sam.PageAsync($"/console/tickets/{ticket.Number}?article=accessibility-chromebook&canned=1");
        Assert.Contains("Sharing: <span>Screen reader, zoom and captions on a Chromebook</span>", shared, StringComparison.Ordinal);
        Assert.Matches(@"<textarea[^>]*>Ticket T-1001: we will answer [^{<]+\. \{typo\}</textarea>", shared);
        Assert.Contains("<input type=\"hidden\" name=\"article\" value=\"accessibility-chromebook\" />", shared, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"canned\" value=\"1\" />", shared, StringComparison.Ordinal);

        // The keystroke picker offers the same reply already filled in: the page's script fills nothing.
        Assert.Matches(@"<template id=""reply-snippets"">\s*<li data-kind=""reply"" data-label=""Prepared reply"" data-text=""Ticket T-1001: we will answer [^{""]+\. \{typo\}"">On it</li>", page);
    }

    [Fact]
    public async Task A_caregiver_on_web_chat_is_taken_over_answered_and_told_of_the_resolution_in_the_chat()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var caregiver = await EscalatedCaregiverAsync(app);

        Assert.Contains(await caregiver.RepliesAsync(), reply => reply.Contains("T-1001", StringComparison.Ordinal));
        var sam = await ConsoleBrowser.SignedInAsync(app, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        const string Page = "/console/tickets/T-1001";

        await sam.SubmitAsync(Page, "takeover", new Dictionary<string, string>());
        Assert.Equal([English.TechnicianJoined("Sam", "T-1001")], await caregiver.RepliesAsync());

        (await caregiver.SayAsync("the screen stays black")).Dispose();
        Assert.Empty(await caregiver.RepliesAsync());
        Assert.Contains("the screen stays black", await sam.PageAsync(Page), StringComparison.Ordinal);

        await sam.SubmitAsync(Page, "reply", new Dictionary<string, string> { ["Reply.Text"] = "Please hold the power key for 30 seconds." });
        await sam.SubmitAsync(Page, "resolve", new Dictionary<string, string> { ["Resolve.Text"] = "hard reset" });

        Assert.Equal(
            ["Sam: Please hold the power key for 30 seconds.", English.TicketResolved("T-1001", "hard reset")],
            await caregiver.RepliesAsync());
    }

    [Fact]
    public async Task Sharing_an_article_by_sms_sends_the_technicians_words_its_summary_and_a_link_to_its_public_page()
    {
        const string Slug = "accessibility-chromebook";
        await using var desk = await SmsDesk.StartAsync();
        var ticket = await EscalateAsync(desk);
        var article = desk.App.Services.GetRequiredService<KnowledgeBase>().Find(Slug, "en")!;
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        var page = $"/console/tickets/{ticket.Number}";
        await sam.SubmitAsync(page, "takeover", new Dictionary<string, string>());
        await desk.Twilio.NextAsync();

        var empty = await BodyAsync(await sam.SubmitAsync(page, "reply", new Dictionary<string, string> { ["Reply.Text"] = " ", ["Reply.Article"] = "" }));
        Assert.Contains("Write something first.", empty, StringComparison.Ordinal);
        var chosen = await sam.PageAsync($"{page}?article={Slug}");
        var sent = await BodyAsync(await sam.SubmitAsync(page, "reply", new Dictionary<string, string>
        {
            ["Reply.Text"] = "This shows where the settings are.",
            ["Reply.Article"] = Slug,
        }));

        Assert.Matches($"<input type=\"hidden\" id=\"reply-article\" name=\"Reply.Article\" value=\"{Slug}\"", chosen);
        Assert.Contains($"Sharing: <span>{article.Title}</span>", chosen, StringComparison.Ordinal);
        Assert.Contains($"Sent, with the article {article.Title}.", sent, StringComparison.Ordinal);
        var expected = $"Sam: This shows where the settings are.\n{article.Summary}\n{SmsDesk.PublicBaseUrl}/help/en/{Slug}";
        var parts = Bot.Channels.Sms.SmsSegments.Split(expected);
        Assert.Equal(parts, (await desk.RepliesAsync(parts.Count)).Select(text => text.Body)); // the empty reply sent nothing before these
        var transcript = await desk.App.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Contains(transcript, message => message.Text == expected && message.AuthorKind == "technician");
    }

    [Fact]
    public async Task Sharing_an_article_on_web_chat_sends_the_bots_own_card_for_it_with_the_title_for_words_left_out()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var caregiver = await EscalatedCaregiverAsync(app);

        await caregiver.ReadAsync();
        var article = app.Services.GetRequiredService<KnowledgeBase>().Find("power-chromebook-wont-turn-on", "en")!;
        var sam = await ConsoleBrowser.SignedInAsync(app, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        const string Page = "/console/tickets/T-1001";
        await sam.SubmitAsync(Page, "takeover", new Dictionary<string, string>());
        await caregiver.ReadAsync();

        await sam.SubmitAsync(Page, "reply", new Dictionary<string, string> { ["Reply.Text"] = "", ["Reply.Article"] = article.Slug });

        var shared = Assert.Single(await caregiver.ReadAsync())!;
        Assert.Equal($"Sam: {article.Title}", (string?)shared["text"]);
        var card = Assert.Single(shared["attachments"]!.AsArray())!;
        var expected = Bot.Dialogs.Engine.Rendering.ArticleCards.ToAttachment(article);
        Assert.Equal(expected.ContentType, (string?)card["contentType"]);
        Assert.Equal(article.Title, (string?)card["content"]!["title"]);
        Assert.Equal(((Microsoft.Bot.Schema.HeroCard)expected.Content).Text, (string?)card["content"]!["text"]);
        Assert.StartsWith($"1. {article.Steps[0]}", (string?)card["content"]!["text"], StringComparison.Ordinal);
        var ticket = (await app.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        var transcript = await app.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Contains(transcript, message => message.Text == $"Sam: {article.Title}\n[card: {article.Title}]");
    }

    [Fact]
    public async Task A_technician_writes_into_a_web_chat_that_goes_through_Azure_and_an_outage_of_the_connector_only_delays_it()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false", ["Twilio:RetryBaseDelay"] = "00:00:00.050" });
        var client = app.CreateClient();
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            var message = Activities.Message(connector.ServiceUrl, "AzConv0001-us", text);
            message["channelId"] = "webchat";
            Assert.True((await client.PostActivityAsync(message)).IsSuccessStatusCode);
        }

        while (connector.Pending > 0)
        {
            await connector.NextAsync();
        }

        var ticket = (await app.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        var sam = await ConsoleBrowser.CreateAccountAsync(app, "sam@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        var handoff = app.Services.GetRequiredService<Bot.Handoff.HandoffService>();
        connector.FailNext(3);

        await handoff.TakeOverAsync(ticket, sam, CancellationToken.None);
        await handoff.ReplyAsync(ticket, sam, "Please hold the power key.", CancellationToken.None);

        var joined = await connector.NextAsync(TimeSpan.FromSeconds(30));
        var reply = await connector.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(("AzConv0001-us", English.TechnicianJoined("Sam", "T-1001")), (joined.ConversationId, joined.Text));
        Assert.Equal(("AzConv0001-us", "Sam: Please hold the power key."), (reply.ConversationId, reply.Text));
        Assert.Equal("webchat", (string?)reply.Activity["channelId"]);
    }

    [Fact]
    public async Task A_technician_is_told_when_a_conversation_cannot_be_written_to_from_the_console()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var conversationId = await app.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity("webchat", "never-seen-by-the-connector", "dl_caregiver", null, DateTimeOffset.UtcNow),
            CancellationToken.None);
        var ticket = await app.Services.GetRequiredService<TicketStore>().CreateAsync(new NewTicket
        {
            ConversationId = conversationId,
            Channel = "webchat",
            RequesterAddress = "dl_caregiver",
            Language = "en",
            Topic = "hotspot",
            Category = "network",
            Summary = "Hotspot drops",
        }, CancellationToken.None);
        var sam = await ConsoleBrowser.CreateAccountAsync(app, "sam@district.example.org", AccountRoles.Technician, name: "Sam Reyes");

        var refused = await Assert.ThrowsAsync<Bot.Handoff.HandoffException>(
            () => app.Services.GetRequiredService<Bot.Handoff.HandoffService>().ReplyAsync(ticket, sam, "Please hold the power key.", CancellationToken.None));

        Assert.Contains("reach them another way", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None));
    }

    /// <summary>A caregiver on our own web chat asks for a person and answers the desk's questions: ticket T-1001.</summary>
    private static async Task<DirectLineClient> EscalatedCaregiverAsync(DeskApp app)
    {
        var caregiver = await DirectLineClient.StartAsync(app.CreateClient());
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            (await caregiver.SayAsync(text)).Dispose();
        }

        return caregiver;
    }

    /// <summary>The student asks for a person and answers the desk's questions: ticket T-1001.</summary>
    private static async Task<Ticket> EscalateAsync(SmsDesk desk)
    {
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            await desk.Webhooks.TextAsync(Student, text);
            await desk.Twilio.NextAsync();
        }

        return Assert.Single(await desk.App.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync("sms", Student, CancellationToken.None));
    }

    /// <summary>Who said what after the ticket was opened, merging runs of the same author.</summary>
    private static List<string> Compact(IReadOnlyList<StoredMessage> transcript) =>
        transcript.SkipWhile(m => m.Text != "skip").Select(m => m.AuthorKind).Aggregate(new List<string>(), (runs, author) =>
        {
            if (runs.Count == 0 || runs[^1] != author)
            {
                runs.Add(author);
            }

            return runs;
        });

    private static async Task ProcessedAsync(SmsDesk desk, string text)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text = @Text AND processed_at IS NOT NULL", new { Text = text }) > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"'{text}' was never handled.");
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
    }
}
