using System.Net;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Handoff;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>A technician finds a student in the console and texts them first; the answer comes to the technician.</summary>
public class TextFirstTests
{
    private const string Phone = "+15555550123";
    private const string OptedOutPhone = "+15555550777";

    [Fact]
    public async Task A_technician_finds_a_student_texts_them_first_and_their_answer_lands_on_a_ticket_that_is_theirs()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ana = await StudentAsync(desk);
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");

        var found = await sam.PageAsync("/console/people?q=valdemora");
        var card = WebUtility.HtmlDecode(await sam.PageAsync($"/console/people/{ana}"));
        using var sent = await sam.SubmitAsync($"/console/people/{ana}", "text", new Dictionary<string, string>
        {
            ["Text.Phone"] = Phone,
            ["Text.Body"] = "Hi Ana, your new charger is ready at the front office.",
        });

        Assert.Contains($"<a href=\"/console/people/{ana}\">Valdemora, Ana</a>", found, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Phone}\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{OptedOutPhone}\"", card, StringComparison.Ordinal);
        Assert.Contains($"{OptedOutPhone} (opted out of texts)", card, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/console/tickets/T-1001", sent.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        var text = await desk.Twilio.NextAsync();
        Assert.Equal((Phone, SmsDesk.DistrictNumber, "Sam: Hi Ana, your new charger is ready at the front office."), (text.To, text.From, text.Body));
        var ticket = (await desk.App.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        Assert.Equal(("sam@district.example.org", ana, "sms", Phone), (ticket.Assignee, ticket.PersonId, ticket.Channel, ticket.RequesterAddress));
        Assert.NotNull(ticket.FirstResponseAt);
        Assert.Equal("sam@district.example.org", (await desk.App.Services.GetRequiredService<TicketStore>().HistoryAsync(ticket.Id, CancellationToken.None))[0].Actor);

        // Ana answers: the bot stays quiet, and the answer is on the ticket with the first text.
        await desk.Webhooks.TextAsync(Phone, "thanks, I'll pick it up at lunch");
        var transcript = await TranscriptWhenAsync(desk, ticket.Id, 2);
        Assert.Equal(
            [("technician", "Sam: Hi Ana, your new charger is ready at the front office."), ("user", "thanks, I'll pick it up at lunch")],
            transcript.Select(message => (message.AuthorKind, message.Text)));
        Assert.Equal(0, desk.Twilio.Pending);
        Assert.Contains("thanks, I&#x27;ll pick it up at lunch", await sam.PageAsync("/console/tickets/T-1001"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opted_out_number_or_one_that_is_not_theirs_is_refused_and_an_open_ticket_is_pointed_to_instead_of_texting_again()
    {
        await using var desk = await SmsDesk.StartAsync();
        var ana = await StudentAsync(desk);
        var person = (await desk.App.Services.GetRequiredService<PeopleStore>().ByIdAsync(ana, CancellationToken.None))!;
        var sam = await ConsoleBrowser.SignedInAsync(desk.App, "sam@district.example.org", AccountRoles.Technician, "Sam Reyes");
        var account = (await desk.App.Services.GetRequiredService<AccountStore>().FindByEmailAsync("sam@district.example.org", CancellationToken.None))!;
        var handoff = desk.App.Services.GetRequiredService<HandoffService>();

        var optedOut = await Assert.ThrowsAsync<HandoffException>(() => handoff.TextFirstAsync(person, OptedOutPhone, account, "Hello", CancellationToken.None));
        var notTheirs = await Assert.ThrowsAsync<HandoffException>(() => handoff.TextFirstAsync(person, "+15555550999", account, "Hello", CancellationToken.None));
        var first = await handoff.TextFirstAsync(person, Phone, account, "Your charger is ready.", CancellationToken.None);
        await desk.Twilio.NextAsync();
        var again = await BodyAsync(await sam.SubmitAsync($"/console/people/{ana}", "text", new Dictionary<string, string>
        {
            ["Text.Phone"] = Phone,
            ["Text.Body"] = "Did you get my text?",
        }));

        Assert.Contains("has opted out of texts (STOP)", optedOut.Message, StringComparison.Ordinal);
        Assert.Contains("is not a number the desk has for Ana Valdemora", notTheirs.Message, StringComparison.Ordinal);
        Assert.True(first.Sent);
        Assert.Contains("already has ticket <a href=\"/console/tickets/T-1001\">T-1001</a> open: nothing was sent", again, StringComparison.Ordinal);
        Assert.Equal(0, desk.Twilio.Pending);
        await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tickets"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox"));
    }

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Technicians_texting_the_same_student_first_at_once_open_one_ticket_and_send_one_text(StorageProvider provider)
    {
        await using var desk = await SmsDesk.StartAsync(await TestDatabase.CreateAsync(provider));
        var ana = await StudentAsync(desk);
        var person = (await desk.App.Services.GetRequiredService<PeopleStore>().ByIdAsync(ana, CancellationToken.None))!;
        var technicians = new List<Account>();
        foreach (var name in new[] { "Sam Reyes", "Lee Park", "Ada Obi", "Kim Tran", "Jo Diaz", "Max Roe" })
        {
            technicians.Add(await ConsoleBrowser.CreateAccountAsync(desk.App, $"{name.Split(' ')[0].ToLowerInvariant()}@district.example.org", AccountRoles.Technician, name: name));
        }

        var handoff = desk.App.Services.GetRequiredService<HandoffService>();

        var outcomes = await Task.WhenAll(technicians.Select(async technician =>
        {
            try
            {
                return (await handoff.TextFirstAsync(person, Phone, technician, $"Hi Ana, this is {technician.DisplayName}.", CancellationToken.None)).Sent ? "sent" : "pointed to the open ticket";
            }
            catch (HandoffException ex)
            {
                return ex.Message;
            }
        }));

        Assert.Single(outcomes, outcome => outcome == "sent");
        await desk.Twilio.NextAsync();
        Assert.Equal(0, desk.Twilio.Pending);
        await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tickets"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox"));
    }

    /// <summary>Ana Valdemora, a student with two phones, one of which texted STOP.</summary>
    private static async Task<long> StudentAsync(SmsDesk desk)
    {
        await using var connection = await desk.Database.Database.OpenAsync(CancellationToken.None);
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO people (sourced_id, role, given_name, family_name, identifier, active, updated_at) VALUES ('s-ana', 'student', 'Ana', 'Valdemora', '20417', @Active, @Now) RETURNING id",
            new { Active = true, Now = DateTimeOffset.UtcNow });
        await connection.ExecuteAsync(
            "INSERT INTO person_addresses (person_id, channel, address) VALUES (@Id, 'sms', @Phone), (@Id, 'sms', @OptedOut)",
            new { Id = id, Phone, OptedOut = OptedOutPhone });
        await desk.App.Services.GetRequiredService<OptOutStore>().SetAsync("sms", OptedOutPhone, optedOut: true, CancellationToken.None);
        return id;
    }

    private static async Task<IReadOnlyList<StoredMessage>> TranscriptWhenAsync(SmsDesk desk, long ticketId, int count)
    {
        var messages = desk.App.Services.GetRequiredService<MessageStore>();
        for (var i = 0; i < 200; i++)
        {
            var transcript = await messages.TicketTranscriptAsync(ticketId, CancellationToken.None);
            if (transcript.Count >= count)
            {
                return transcript;
            }

            await Task.Delay(50);
        }

        return await messages.TicketTranscriptAsync(ticketId, CancellationToken.None);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadAsStringAsync();
        }
    }
}
