using Bot.Data.Insights;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Insights;

public class TechnicianLoadTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_tickets_are_counted_per_assignee_with_the_unassigned_last(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var load = new TechnicianLoad(test.Database, InsightsSample.Calendar);

        var open = await load.OpenAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        // T5 is Lee's; T6 is nobody's. The other tickets are resolved.
        Assert.Equal([(InsightsSample.Lee, 1L), (null, 1L)], open.Select(row => (row.Label, row.Tickets)));
    }

    /// <summary>
    /// Week of 2 November: Sam claimed and resolved T1, Lee claimed T2. Week of 9 November: Lee resolved T2 (a note does
    /// not count). Week of 30 November: Sam resolved T3 (assigned, not claimed), claimed and resolved T4; Lee resolved T4
    /// again after it was reopened (the reopening is no resolution). Week of 7 December: Lee claimed T5.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Claims_and_resolutions_are_counted_per_week_and_technician_including_a_reopened_tickets_second_resolution(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var load = new TechnicianLoad(test.Database, InsightsSample.Calendar);

        var weeks = await load.WeeklyAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        Assert.Equal(
            [
                new TechnicianWeek("2026-11-02", InsightsSample.Lee, 1, 0),
                new TechnicianWeek("2026-11-02", InsightsSample.Sam, 1, 1),
                new TechnicianWeek("2026-11-09", InsightsSample.Lee, 0, 1),
                new TechnicianWeek("2026-11-30", InsightsSample.Lee, 0, 1),
                new TechnicianWeek("2026-11-30", InsightsSample.Sam, 1, 2),
                new TechnicianWeek("2026-12-07", InsightsSample.Lee, 1, 0),
            ],
            weeks);
    }

    /// <summary>
    /// A claim at 23:30 on Sunday 29 November belongs to the week of 23 November; a resolution at midnight, the first
    /// instant of Monday 30 November, to the week of 30 November: whether the weeks are added up from the hours (the
    /// whole desk) or counted from the events (a report narrowed to web chat).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Work_at_the_edges_of_a_week_is_counted_in_the_week_it_happened(StorageProvider provider)
    {
        const string kim = "kim@district.example.org";
        await using var test = await InsightsSample.CreateAsync(provider);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            var ticket = await connection.ExecuteScalarAsync<long>("SELECT id FROM tickets WHERE topic = 'login_password'");
            await connection.ExecuteAsync(
                "INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note) VALUES (@Ticket, @At, @From, @To, @Actor, @Note)",
                new[]
                {
                    new { Ticket = ticket, At = InsightsSample.Local("2026-11-29 23:30"), From = "new", To = "open", Actor = kim, Note = $"claimed by {kim}" },
                    new { Ticket = ticket, At = InsightsSample.Local("2026-11-30 00:00"), From = "open", To = "resolved", Actor = kim, Note = "unlocked the account" },
                });
        }

        var load = new TechnicianLoad(test.Database, InsightsSample.Calendar);
        var all = new InsightsFilter(InsightsSample.From, InsightsSample.To);

        foreach (var filter in new[] { all, all with { Channel = "webchat" } })
        {
            var weeks = await load.WeeklyAsync(filter, CancellationToken.None);

            Assert.Equal([new TechnicianWeek("2026-11-23", kim, 1, 0), new TechnicianWeek("2026-11-30", kim, 0, 1)], weeks.Where(week => week.Technician == kim));
        }
    }
}
