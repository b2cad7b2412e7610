using Bot.Data.Insights.Alerts;

namespace Bot.Insights;

/// <summary>One comparison of a recent <see cref="Window"/> against the windows before it, with the thresholds of <see cref="SpikeRule"/>.</summary>
public sealed class AlertScanOptions(TimeSpan window)
{
    /// <summary>Make this comparison at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The recent window: fixed, since it is what the comparison's name says.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>How many windows right before the recent one make the baseline.</summary>
    public int BaselineWindows { get; set; }

    public int MinimumCount { get; set; }

    public double MinimumRatio { get; set; }

    public double MaximumPValue { get; set; }

    public double MinimumExpected { get; set; }

    public SpikeThresholds Thresholds => new(MinimumCount, MinimumRatio, MaximumPValue, MinimumExpected);

    public AlertWindow Ending(DateTimeOffset end) => AlertWindow.Ending(end, Window, BaselineWindows);
}
