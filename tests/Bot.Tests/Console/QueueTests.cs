using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>The queue's filters and giving a ticket to someone, over HTTP on the app's real pipeline.</summary>
public class QueueTests
{
    private const string Sam = "sam@district.example.org";
    private const string Lee = "lee@district.example.org";
    private static readonly string[] Summaries = ["Hotspot", "Cracked", "Projector"];

    [Fact]
    public async Task The_queue_narrows_to_a_category_a_channel_a_school_and_an_assignee()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var history = new TicketHistory(database.Database);
        var maple = await history.SchoolAsync("Maple Valley High");
        var cedar = await history.SchoolAsync("Cedar Elementary");
        await OpenAsync(app, "network", "sms", "Hotspot drops every hour", await history.StudentAtAsync(maple));
        var screen = await OpenAsync(app, "hardware", "webchat", "Cracked screen after a fall", await history.StudentAtAsync(cedar));
        await OpenAsync(app, "hardware", "msteams", "Projector shows no picture", personId: null);
        var sam = await ConsoleBrowser.SignedInAsync(app, Sam, AccountRoles.Technician, "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(app, Lee, AccountRoles.Technician, name: "Lee Park");
        Assert.True(await app.Services.GetRequiredService<TicketActions>().ClaimAsync(screen.Id, Lee, CancellationToken.None));

        Assert.Equal(["Hotspot", "Cracked", "Projector"], Listed(await sam.PageAsync("/console/tickets")));
        Assert.Equal(["Cracked", "Projector"], Listed(await sam.PageAsync("/console/tickets?category=hardware")));
        Assert.Equal(["Cracked"], Listed(await sam.PageAsync("/console/tickets?channel=webchat")));
        Assert.Equal(["Hotspot"], Listed(await sam.PageAsync($"/console/tickets?school={maple}")));
        Assert.Equal(["Cracked"], Listed(await sam.PageAsync($"/console/tickets?assignee={Uri.EscapeDataString(Lee)}")));
        Assert.Equal(["Hotspot", "Projector"], Listed(await sam.PageAsync("/console/tickets?assignee=unassigned")));
        Assert.Equal(["Projector"], Listed(await sam.PageAsync("/console/tickets?assignee=unassigned&category=hardware")));
        var mine = await sam.PageAsync("/console/tickets?assignee=mine");
        Assert.Empty(Listed(mine));
        Assert.Contains("No open tickets match.", mine, StringComparison.Ordinal);
        // The filter form offers Lee by name and keeps what was chosen.
        var filtered = await sam.PageAsync("/console/tickets?category=hardware&channel=webchat");
        Assert.Contains($"<option value=\"{Lee}\">Lee Park</option>", filtered, StringComparison.Ordinal);
        Assert.Contains("<option value=\"webchat\" selected>", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_is_given_to_another_technician_and_back_to_the_queue_from_its_page()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var ticket = await OpenAsync(app, "network", "sms", "Hotspot drops every hour", personId: null);
        var sam = await ConsoleBrowser.SignedInAsync(app, Sam, AccountRoles.Technician, "Sam Reyes");
        await ConsoleBrowser.CreateAccountAsync(app, Lee, AccountRoles.Technician, name: "Lee Park");
        var page = $"/console/tickets/{ticket.Number}";
        var tickets = app.Services.GetRequiredService<TicketStore>();

        var nobodyChosen = await BodyAsync(await sam.SubmitAsync(page, "assign", new Dictionary<string, string> { ["Assign.Text"] = "" }));
        var given = await BodyAsync(await sam.SubmitAsync(page, "assign", new Dictionary<string, string> { ["Assign.Text"] = Lee }));
        var assignee = (await tickets.FindAsync(ticket.Number, CancellationToken.None))!.Assignee;
        var released = await BodyAsync(await sam.SubmitAsync(page, "unassign", new Dictionary<string, string>()));

        Assert.Contains("Choose a technician with an active account.", nobodyChosen, StringComparison.Ordinal);
        Assert.Contains($"{ticket.Number} is now Lee Park&#x27;s.", given, StringComparison.Ordinal);
        Assert.Equal(Lee, assignee);
        Assert.Contains("is back in the queue for anyone to claim.", released, StringComparison.Ordinal);
        Assert.Null((await tickets.FindAsync(ticket.Number, CancellationToken.None))!.Assignee);
        var notes = (await tickets.HistoryAsync(ticket.Id, CancellationToken.None)).Select(entry => (entry.Actor, entry.Note));
        Assert.Equal([(Sam, $"assigned to {Lee}"), (Sam, "unassigned")], notes.Where(entry => entry.Note is not null && entry.Note.Contains("assign", StringComparison.Ordinal)));
        var audit = await app.Services.GetRequiredService<AuditLog>().ForSubjectAsync($"ticket:{ticket.Number}", CancellationToken.None);
        Assert.Contains("assigned", audit.Select(entry => entry.Action));
        Assert.Contains("unassigned", audit.Select(entry => entry.Action));
    }

    private static async Task<Ticket> OpenAsync(DeskApp app, string category, string channel, string summary, long? personId)
    {
        var address = $"{channel}-{summary.GetHashCode(StringComparison.Ordinal)}";
        var conversationId = await app.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity(channel, address, address, null, DateTimeOffset.UtcNow), CancellationToken.None);
        return await app.Services.GetRequiredService<TicketStore>().CreateAsync(new NewTicket
        {
            ConversationId = conversationId,
            Channel = channel,
            RequesterAddress = address,
            Language = "en",
            Topic = category == "network" ? "hotspot" : "screen",
            Category = category,
            Summary = summary,
            PersonId = personId,
        }, CancellationToken.None);
    }

    /// <summary>The first word of each ticket summary the queue lists, in its order.</summary>
    private static List<string> Listed(string page) =>
        [.. Summaries
            .Select(word => (word, at: page.IndexOf(word + " ", StringComparison.Ordinal)))
            .Where(found => found.at >= 0)
            .OrderBy(found => found.at)
            .Select(found => found.word)];

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadAsStringAsync();
        }
    }
}
