using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Testing;

namespace Bot.Data.Tests.Tickets;

public class TicketActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_two_technicians_claiming_at_once_exactly_one_gets_the_ticket(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var ticket = await TicketAsync(test.Database, "+15555550100");
        var actions = new TicketActions(test.Database, TimeProvider.System, new BusinessCalendar(new CalendarOptions()));

        var claims = await Task.WhenAll(
            Task.Run(() => actions.ClaimAsync(ticket.Id, "sam@district.example.org", CancellationToken.None)),
            Task.Run(() => actions.ClaimAsync(ticket.Id, "lee@district.example.org", CancellationToken.None)));

        Assert.Single(claims, won => won);
        var stored = await Store(test.Database).FindAsync(ticket.Number, CancellationToken.None);
        Assert.Equal("open", stored!.Status);
        var history = await Store(test.Database).HistoryAsync(ticket.Id, CancellationToken.None);
        var claim = Assert.Single(history, e => e.Note?.StartsWith("claimed by", StringComparison.Ordinal) == true);
        Assert.Equal(("new", "open", stored.Assignee), (claim.FromStatus, claim.ToStatus, claim.Actor));
        Assert.True(await actions.ClaimAsync(ticket.Id, stored.Assignee!, CancellationToken.None), "claiming one's own ticket again is no loss");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_queue_puts_the_nearest_target_first_and_filters_by_assignee_status_and_words(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var first = await TicketAsync(test.Database, "+15555550101", "wifi drops at home");
        var second = await TicketAsync(test.Database, "+15555550102", "screen cracked");
        var actions = new TicketActions(test.Database, TimeProvider.System, new BusinessCalendar(new CalendarOptions()));
        await actions.ClaimAsync(second.Id, "sam@district.example.org", CancellationToken.None);
        await actions.SetStatusAsync(second.Id, "pending", "sam@district.example.org", CancellationToken.None);
        var queue = new OpenTickets(test.Database);

        var all = await queue.ListAsync(new QueueFilter(), CancellationToken.None);
        var mine = await queue.ListAsync(new QueueFilter { Assignee = "sam@district.example.org" }, CancellationToken.None);
        var unassigned = await queue.ListAsync(new QueueFilter { Unassigned = true }, CancellationToken.None);
        var pending = await queue.ListAsync(new QueueFilter { Status = "pending" }, CancellationToken.None);
        var byWords = await queue.ListAsync(new QueueFilter { Search = "CRACKED" }, CancellationToken.None);
        var byNumber = await queue.ListAsync(new QueueFilter { Search = first.Number.ToLowerInvariant() }, CancellationToken.None);

        Assert.Equal([first.Number, second.Number], all.Select(t => t.Number));
        Assert.Equal([second.Number], mine.Select(t => t.Number));
        Assert.Equal([first.Number], unassigned.Select(t => t.Number));
        Assert.Equal([second.Number], pending.Select(t => t.Number));
        Assert.Equal([second.Number], byWords.Select(t => t.Number));
        Assert.Equal([first.Number], byNumber.Select(t => t.Number));
    }

    private static TicketStore Store(Database database) =>
        new(database, new SlaPolicyStore(database), new BusinessCalendar(new CalendarOptions()), TimeProvider.System);

    private static async Task<Ticket> TicketAsync(Database database, string address, string summary = "screen cracked")
    {
        var conversation = await new ConversationStore(database).TouchAsync(new ConversationActivity("sms", address, address, null, Now), CancellationToken.None);
        return await Store(database).CreateAsync(
            new NewTicket
            {
                ConversationId = conversation,
                Channel = "sms",
                RequesterAddress = address,
                Language = "en",
                Topic = "wifi",
                Category = "network",
                Summary = summary,
            },
            CancellationToken.None);
    }
}
