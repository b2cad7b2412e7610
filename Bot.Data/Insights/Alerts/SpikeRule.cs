namespace Bot.Data.Insights.Alerts;

/// <summary>
/// Decides which groups spiked. A group's expected count in the window is its own baseline rate (baseline count over
/// the number of baseline windows), scaled up by how much every other group of the dimension rose from its baseline
/// (so that the first week of school, when everything rises, is not a spike), and never below a floor. A group spikes
/// when its count reaches a minimum, a multiple of the expected count, and is unlikely under Poisson noise at the
/// expected rate (upper tail P(X ≥ observed)). Each test alone lets something through: tiny counts pass the ratio,
/// busy groups pass the p-value with a small rise that nobody needs to hear about.
/// </summary>
public static class SpikeRule
{
    public static IReadOnlyList<Spike> Find(AlertDimension dimension, IReadOnlyList<GroupCount> groups, int baselineWindows, SpikeThresholds thresholds)
    {
        var recentAll = groups.Sum(group => group.Recent);
        var baselineAll = groups.Sum(group => group.Baseline);
        var spikes = new List<Spike>();
        foreach (var group in groups)
        {
            if (group.Recent < thresholds.MinimumCount)
            {
                continue;
            }

            var expected = Expected(group, recentAll - group.Recent, baselineAll - group.Baseline, baselineWindows, thresholds.MinimumExpected);
            if (group.Recent < thresholds.MinimumRatio * expected)
            {
                continue;
            }

            var p = PoissonUpperTail(group.Recent, expected);
            if (p <= thresholds.MaximumPValue)
            {
                spikes.Add(new Spike(dimension, group.Topic, group.Value, group.Label, group.Recent, expected, p));
            }
        }

        return spikes;
    }

    /// <summary>The group's own baseline rate per window, raised by the other groups' overall rise, floored.</summary>
    public static double Expected(GroupCount group, long othersRecent, long othersBaseline, int baselineWindows, double minimumExpected)
    {
        var own = group.Baseline / (double)baselineWindows;
        var othersRise = othersBaseline > 0 ? othersRecent * (double)baselineWindows / othersBaseline : 1.0;
        return Math.Max(own * Math.Max(1.0, othersRise), minimumExpected);
    }

    /// <summary>P(X ≥ <paramref name="observed"/>) for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static double PoissonUpperTail(long observed, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mean);
        if (observed <= 0)
        {
            return 1.0;
        }

        if (observed <= mean)
        {
            // Below the mean the tail is large; one minus the few lower terms is accurate enough.
            var term = Math.Exp(-mean);
            var lower = 0.0;
            for (var k = 0; k < observed; k++)
            {
                lower += term;
                term *= mean / (k + 1);
            }

            return Math.Clamp(1.0 - lower, 0.0, 1.0);
        }

        // Above the mean the terms fall off; sum them from the observed count up, in log space so nothing underflows.
        var logFirst = -mean + (observed * Math.Log(mean)) - LogFactorial(observed);
        double sum = 1.0, ratio = 1.0;
        for (var k = observed; ratio > 1e-17 * sum; k++)
        {
            ratio *= mean / (k + 1);
            sum += ratio;
        }

        return Math.Min(1.0, Math.Exp(logFirst + Math.Log(sum)));
    }

    private static double LogFactorial(long n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
