using Bot.Data.Insights;
using Bot.Testing;

namespace Bot.Data.Tests.Insights;

public class TargetsMetTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    /// <summary>
    /// November: T1 answered exactly at its due time (met), T2 half an hour late (missed), T3 in time; all three resolved in
    /// time. December: T4 answered in time but resolved two hours late; T5 never answered and past due (missed) but its
    /// resolution is not due yet (met); T6 is due later today on both (met).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_month_counts_tickets_that_met_their_targets_and_open_ones_only_until_they_are_past_due(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var targets = new TargetsMet(test.Database, InsightsSample.Calendar, new TestClock(InsightsSample.Now));

        var months = await targets.ByMonthAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        Assert.Equal([new MonthTargets("2026-11", 3, 2, 3), new MonthTargets("2026-12", 3, 2, 2)], months);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_open_ticket_turns_from_met_to_missed_once_its_due_time_passes(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        // A week later T5's resolution (due 17 December) and T6's targets (15 and 16 December) have passed too.
        var targets = new TargetsMet(test.Database, InsightsSample.Calendar, new TestClock(InsightsSample.Now.AddDays(7)));

        var months = await targets.ByMonthAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To) { Channel = "webchat" }, CancellationToken.None);

        // Webchat: T2 in November (response missed, resolution met); T4 and T6 in December.
        Assert.Equal([new MonthTargets("2026-11", 1, 0, 1), new MonthTargets("2026-12", 2, 1, 0)], months);
    }
}
