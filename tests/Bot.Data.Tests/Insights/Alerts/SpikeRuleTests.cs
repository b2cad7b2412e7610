using Bot.Data.Insights.Alerts;

namespace Bot.Data.Tests.Insights.Alerts;

public class SpikeRuleTests
{
    private static readonly SpikeThresholds Thresholds = new(MinimumCount: 5, MinimumRatio: 3.0, MaximumPValue: 1e-4, MinimumExpected: 0.5);

    [Theory]
    // 1 - e^-1; 1 - e^-2 (1 + 2 + 2); e^-1 * sum of 1/k! for k >= 13; e^-5 * sum of 5^k/k! for k >= 16 (worked out apart from this code).
    [InlineData(1, 1.0, 0.6321205588285577)]
    [InlineData(3, 2.0, 0.3233235838169365)]
    [InlineData(13, 1.0, 6.359777327134143e-11)]
    [InlineData(16, 5.0, 6.900824185567839e-05)]
    public void The_Poisson_upper_tail_matches_the_sum_worked_out_by_hand(long observed, double mean, double expected) =>
        Assert.Equal(expected, SpikeRule.PoissonUpperTail(observed, mean), expected * 1e-9);

    [Fact]
    public void The_Poisson_upper_tail_at_a_large_mean_is_computed_where_e_to_the_minus_mean_underflows()
    {
        // e^-800 is zero in doubles; the tail itself is about 5.5e-12 (summed with log-gamma terms apart from this code).
        var p = SpikeRule.PoissonUpperTail(1000, 800);

        Assert.True(p is > 1e-12 and < 1e-11, $"p = {p}");
    }

    [Fact]
    public void A_group_four_times_its_usual_rate_with_enough_tickets_spikes()
    {
        // Baseline 56 over 28 windows is 2 a window; the other group is flat, so 2 is expected and 12 is 6 times that.
        var groups = new[] { Group("wifi", "75001", recent: 12, baseline: 56), Group("wifi", "75002", recent: 3, baseline: 84) };

        var spike = Assert.Single(SpikeRule.Find(AlertDimension.Zip, groups, 28, Thresholds));

        Assert.Equal(("wifi", "75001", 12L), (spike.Topic, spike.Value, spike.Observed));
        Assert.Equal(2.0, spike.Expected, 1e-12);
    }

    [Fact]
    public void Four_tickets_where_none_were_before_are_too_few_to_alert()
    {
        var groups = new[] { Group("mfa", "75001", recent: 4, baseline: 0), Group("wifi", "75002", recent: 3, baseline: 84) };

        Assert.Empty(SpikeRule.Find(AlertDimension.Zip, groups, 28, Thresholds));
    }

    [Fact]
    public void A_busy_group_a_little_above_its_rate_is_not_a_spike_even_when_unlikely_by_chance()
    {
        // 100 a window expected; 160 has p far below 1e-4 but is only 1.6 times the rate.
        var groups = new[] { Group("wifi", "75001", recent: 160, baseline: 2800), Group("wifi", "75002", recent: 3, baseline: 84) };

        Assert.Empty(SpikeRule.Find(AlertDimension.Zip, groups, 28, Thresholds));
    }

    [Fact]
    public void When_every_group_rises_together_the_expected_count_rises_with_them()
    {
        // The others went from 5 to 20 a window: four times; so 20 is what this group should have too.
        var groups = new[] { Group("wifi", "75001", recent: 20, baseline: 140), Group("power", "75001", recent: 20, baseline: 140), Group("wifi", "75002", recent: 20, baseline: 140) };

        Assert.Equal(20.0, SpikeRule.Expected(groups[0], othersRecent: 40, othersBaseline: 280, baselineWindows: 28, minimumExpected: 0.5), 1e-12);
        Assert.Empty(SpikeRule.Find(AlertDimension.Zip, groups, 28, Thresholds));
    }

    private static GroupCount Group(string topic, string value, long recent, long baseline) =>
        new() { Topic = topic, Value = value, Label = value, Recent = recent, Baseline = baseline };
}
