using Bot.Data.Insights;
using Bot.Testing;

namespace Bot.Data.Tests.Insights;

/// <summary>Ticket counts on <see cref="InsightsSample"/>, worked out by hand from its table.</summary>
public class TicketVolumeTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tickets_are_counted_per_district_local_week_with_empty_weeks_shown_and_the_ticket_before_the_range_left_out(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);

        var weeks = await volume.OverTimeAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), ReportPeriod.Week, CancellationToken.None);

        // 1 November is a Sunday, so the first week is the one starting Monday 26 October.
        Assert.Equal(
            [("2026-10-26", 0L), ("2026-11-02", 2L), ("2026-11-09", 0L), ("2026-11-16", 0L), ("2026-11-23", 1L), ("2026-11-30", 1L), ("2026-12-07", 1L), ("2026-12-14", 1L)],
            weeks.Select(w => (w.Period, w.Tickets)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tickets_are_counted_per_month_and_per_day(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var filter = new InsightsFilter(InsightsSample.From, InsightsSample.To);

        var months = await volume.OverTimeAsync(filter, ReportPeriod.Month, CancellationToken.None);
        var days = await volume.OverTimeAsync(filter, ReportPeriod.Day, CancellationToken.None);

        Assert.Equal([("2026-11", 3L), ("2026-12", 3L)], months.Select(m => (m.Period, m.Tickets)));
        Assert.Equal(45, days.Count); // 30 days of November and 15 of December
        Assert.Equal(("2026-11-01", 0L), (days[0].Period, days[0].Tickets));
        Assert.Equal(("2026-11-06", 1L), (days[5].Period, days[5].Tickets));
        Assert.Equal(6, days.Sum(d => d.Tickets));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tickets_are_counted_by_each_dimension_most_first_and_without_a_value_last(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var filter = new InsightsFilter(InsightsSample.From, InsightsSample.To);

        async Task<IEnumerable<(string?, long)>> By(VolumeDimension dimension) =>
            (await volume.ByAsync(filter, dimension, CancellationToken.None)).Select(row => (row.Label, row.Tickets));

        Assert.Equal([("sms", 3L), ("webchat", 3L)], await By(VolumeDimension.Channel));
        Assert.Equal([("hardware", 2L), ("network", 2L), ("account", 1L), ("software", 1L)], await By(VolumeDimension.Category));
        Assert.Equal([("screen", 2L), ("wifi", 2L), ("lms", 1L), ("login_password", 1L)], await By(VolumeDimension.Topic));
        // Ben is at Roosevelt and Washington: his tickets count once, under the first by name.
        Assert.Equal([("Lincoln", 2L), ("Roosevelt", 2L), (null, 2L)], await By(VolumeDimension.School));
        Assert.Equal([(null, 3L), ("Dell 3110", 2L), ("HP G9", 1L)], await By(VolumeDimension.DeviceModel));
        Assert.Equal([(null, 3L), ("home", 1L), ("other", 1L), ("school", 1L)], await By(VolumeDimension.LocationKind));
        Assert.Equal([(null, 4L), ("60601", 1L), ("60602", 1L)], await By(VolumeDimension.Zip));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Channel_category_and_school_filters_narrow_the_counts(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var all = new InsightsFilter(InsightsSample.From, InsightsSample.To);
        var washington = await SchoolIdAsync(test.Database, "Washington");

        var smsByCategory = await volume.ByAsync(all with { Channel = "sms" }, VolumeDimension.Category, CancellationToken.None);
        var networkByMonth = await volume.OverTimeAsync(all with { Category = "network" }, ReportPeriod.Month, CancellationToken.None);
        var washingtonByTopic = await volume.ByAsync(all with { SchoolId = washington }, VolumeDimension.Topic, CancellationToken.None);

        Assert.Equal([("hardware", 2L), ("network", 1L)], smsByCategory.Select(row => (row.Label, row.Tickets)));
        Assert.Equal([("2026-11", 2L), ("2026-12", 0L)], networkByMonth.Select(row => (row.Period, row.Tickets)));
        Assert.Equal([("screen", 1L), ("wifi", 1L)], washingtonByTopic.Select(row => (row.Label, row.Tickets)));
    }

    internal static async Task<long> SchoolIdAsync(Database database, string name)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT id FROM schools WHERE name = @Name", new { Name = name });
    }
}
