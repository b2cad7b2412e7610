using Bot.Data.Insights;
using Bot.Testing;
using static Bot.Data.Tests.Insights.DurationRounding;

namespace Bot.Data.Tests.Insights;

/// <summary>
/// Business hours on <see cref="InsightsSample"/> (days 07:30–16:30), by hand: first responses T1 1 h, T2 2.5 h (Friday
/// 1.5 h + Monday 1 h), T3 1 h (Wednesday 0.5 h, Thanksgiving and the weekend nothing, Monday 0.5 h), T4 1 h; resolutions
/// T1 9 h, T2 10 h, T3 12 h (0.5 + Monday 9 + 2.5), T4 20 h (to its last resolution: 8.5 + 9 + 2.5). T5 and T6 have neither.
/// Percentiles interpolate: the 90th of [1, 1, 2.5] is at rank 1.8, 1 + 0.8 × 1.5 = 2.2.
/// </summary>
public class ResponseTimesTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Median_and_90th_percentile_per_month_count_business_hours_only_and_a_reopened_ticket_to_its_last_resolution(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);

        var months = await times.ByAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), ResponseGrouping.Month, CancellationToken.None);

        Assert.Equal(
            [
                new DurationSummary("2026-11", 3, 1.0, 2.2, 3, 10.0, 11.6),
                new DurationSummary("2026-12", 1, 1.0, 1.0, 1, 20.0, 20.0),
            ],
            months.Select(Rounded));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Median_and_90th_percentile_per_category_and_per_channel(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var filter = new InsightsFilter(InsightsSample.From, InsightsSample.To);

        var categories = await times.ByAsync(filter, ResponseGrouping.Category, CancellationToken.None);
        var channels = await times.ByAsync(filter, ResponseGrouping.Channel, CancellationToken.None);

        Assert.Equal(
            [
                new DurationSummary("account", 0, null, null, 0, null, null),
                new DurationSummary("hardware", 1, 1.0, 1.0, 1, 9.0, 9.0),
                new DurationSummary("network", 2, 1.75, 2.35, 2, 11.0, 11.8),
                new DurationSummary("software", 1, 1.0, 1.0, 1, 20.0, 20.0),
            ],
            categories.Select(Rounded));
        Assert.Equal(
            [
                new DurationSummary("sms", 2, 1.0, 1.0, 2, 10.5, 11.7),
                new DurationSummary("webchat", 2, 1.75, 2.35, 2, 15.0, 19.0),
            ],
            channels.Select(Rounded));
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks_and_an_empty_list_has_none()
    {
        Assert.Equal(2.5, Percentile.Of([4, 1, 2, 3], 0.5));
        Assert.Equal(3.7, Percentile.Of([4, 1, 2, 3], 0.9)!.Value, 9);
        Assert.Equal(7, Percentile.Of([7], 0.9));
        Assert.Null(Percentile.Of([], 0.5));
    }
}
