using Bot.Data.Conversations;
using Bot.Data.Insights;
using Bot.Data.Schema;
using Bot.Data.Tickets;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Tickets;

/// <summary>
/// The business hours stored on a ticket for the response-time reports, on <see cref="InsightsSample"/>'s calendar
/// (Chicago, 07:30–16:30). The ticket is opened on Friday 6 November 2026 at 15:00, so by hand: answered Monday 08:30 is
/// 1.5 + 1 = 2.5 h; resolved Monday 16:00 is 1.5 + 8.5 = 10 h; resolved again Tuesday 09:00 is 1.5 + 9 + 1.5 = 12 h.
/// </summary>
public class TicketBusinessHoursTests
{
    private static readonly DateTimeOffset Opened = InsightsSample.Local("2026-11-06 15:00");

    private static int addresses;

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Answering_and_resolving_store_the_business_hours_and_reopening_clears_the_resolutions(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(Opened);
        var ticket = await TicketAsync(test.Database, clock);
        var actions = new TicketActions(test.Database, clock, InsightsSample.Calendar);

        Assert.Equal((null, null), await HoursAsync(test.Database, ticket.Id));

        clock.Now = InsightsSample.Local("2026-11-09 08:30");
        await test.Database.InTransactionAsync((transaction, token) => actions.RecordFirstResponseAsync(ticket.Id, clock.Now, transaction, token), CancellationToken.None);
        Assert.Equal((2.5, null), await HoursAsync(test.Database, ticket.Id));

        clock.Now = InsightsSample.Local("2026-11-09 16:00");
        await test.Database.InTransactionAsync((transaction, token) => actions.ResolveAsync(ticket.Id, "reset the profile", "sam", transaction, token), CancellationToken.None);
        Assert.Equal((2.5, 10.0), await HoursAsync(test.Database, ticket.Id));

        clock.Now = InsightsSample.Local("2026-11-10 08:00");
        await actions.SetStatusAsync(ticket.Id, "open", "sam", CancellationToken.None);
        Assert.Equal((2.5, null), await HoursAsync(test.Database, ticket.Id));

        // A later answer is not the first: its hours stay.
        await test.Database.InTransactionAsync((transaction, token) => actions.RecordFirstResponseAsync(ticket.Id, clock.Now, transaction, token), CancellationToken.None);
        clock.Now = InsightsSample.Local("2026-11-10 09:00");
        await test.Database.InTransactionAsync((transaction, token) => actions.ResolveAsync(ticket.Id, "new router profile", "sam", transaction, token), CancellationToken.None);
        Assert.Equal((2.5, 12.0), await HoursAsync(test.Database, ticket.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_response_report_reads_the_stored_hours_and_follows_a_ticket_moved_to_another_category(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(Opened);
        var ticket = await TicketAsync(test.Database, clock);
        var actions = new TicketActions(test.Database, clock, InsightsSample.Calendar);
        clock.Now = InsightsSample.Local("2026-11-09 08:30");
        await test.Database.InTransactionAsync((transaction, token) => actions.RecordFirstResponseAsync(ticket.Id, clock.Now, transaction, token), CancellationToken.None);
        clock.Now = InsightsSample.Local("2026-11-09 16:00");
        await test.Database.InTransactionAsync((transaction, token) => actions.ResolveAsync(ticket.Id, "reset the profile", "sam", transaction, token), CancellationToken.None);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var filter = new InsightsFilter(InsightsSample.From, InsightsSample.To);

        Assert.Equal([new DurationSummary("network", 1, 2.5, 2.5, 1, 10.0, 10.0)], await times.ByAsync(filter, ResponseGrouping.Category, CancellationToken.None));

        // Hours that differ from the times can only come from the stored columns: the report must use those.
        await ExecuteAsync(test.Database, "UPDATE tickets SET first_response_business_hours = 4, resolution_business_hours = 7, category = 'hardware' WHERE id = @Id", new { ticket.Id });
        Assert.Equal([new DurationSummary("hardware", 1, 4.0, 4.0, 1, 7.0, 7.0)], await times.ByAsync(filter, ResponseGrouping.Category, CancellationToken.None));
        Assert.Equal([new DurationSummary("2026-11", 1, 4.0, 4.0, 1, 7.0, 7.0)], await times.ByAsync(filter, ResponseGrouping.Month, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_migration_backfill_fills_the_hours_of_tickets_answered_and_resolved_before_they_were_stored(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(Opened);
        var answered = await TicketAsync(test.Database, clock);
        var resolved = await TicketAsync(test.Database, clock);
        var untouched = await TicketAsync(test.Database, clock);
        await ExecuteAsync(test.Database, "UPDATE tickets SET first_response_at = @At WHERE id = @Id", new { answered.Id, At = InsightsSample.Local("2026-11-09 08:30") });
        await ExecuteAsync(
            test.Database,
            "UPDATE tickets SET first_response_at = @Answered, resolved_at = @Resolved WHERE id = @Id",
            new { resolved.Id, Answered = InsightsSample.Local("2026-11-09 08:30"), Resolved = InsightsSample.Local("2026-11-10 09:00") });

        await test.Database.InTransactionAsync(
            (transaction, _) =>
            {
                new TicketBusinessHoursBackfill(InsightsSample.Calendar).ProvideScript(() =>
                {
                    var command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    return command;
                });
                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal((2.5, null), await HoursAsync(test.Database, answered.Id));
        Assert.Equal((2.5, 12.0), await HoursAsync(test.Database, resolved.Id));
        Assert.Equal((null, null), await HoursAsync(test.Database, untouched.Id));
    }

    private static async Task<Ticket> TicketAsync(Database database, TimeProvider clock)
    {
        var address = $"+1555555{Interlocked.Increment(ref addresses):0000}";
        var conversation = await new ConversationStore(database).TouchAsync(new ConversationActivity("sms", address, address, null, Opened), CancellationToken.None);
        var store = new TicketStore(database, new SlaPolicyStore(database), InsightsSample.Calendar, clock);
        return await store.CreateAsync(
            new NewTicket
            {
                ConversationId = conversation,
                Channel = "sms",
                RequesterAddress = address,
                Language = "en",
                Topic = "wifi",
                Category = "network",
                Summary = "wifi drops",
            },
            CancellationToken.None);
    }

    private static async Task<(double? FirstResponse, double? Resolution)> HoursAsync(Database database, long ticketId)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<StoredHours>(
            "SELECT first_response_business_hours AS FirstResponse, resolution_business_hours AS Resolution FROM tickets WHERE id = @Id", new { Id = ticketId });
        return (Rounded(row.FirstResponse), Rounded(row.Resolution));
    }

    private static double? Rounded(double? hours) => hours is { } value ? Math.Round(value, 6) : null;

    private static async Task ExecuteAsync(Database database, string sql, object parameters)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    private sealed record StoredHours
    {
        public double? FirstResponse { get; init; }

        public double? Resolution { get; init; }
    }
}
