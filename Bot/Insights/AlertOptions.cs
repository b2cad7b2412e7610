using Bot.Data.Insights.Alerts;

namespace Bot.Insights;

/// <summary>
/// The systemic-problem alerts (<c>Insights:Alerts</c>): how often to scan, the window compared against its baseline,
/// and the thresholds of <see cref="SpikeRule"/>.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Insights:Alerts";

    /// <summary>Scan at all; off leaves the console page and the stored alerts as they are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scans.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The recent window whose count is compared (1 day: "today"; 7 days: week over week).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many windows right before the recent one make the baseline.</summary>
    public int BaselineWindows { get; set; } = 28;

    public int MinimumCount { get; set; } = 5;

    public double MinimumRatio { get; set; } = 3.0;

    public double MaximumPValue { get; set; } = 0.0001;

    public double MinimumExpected { get; set; } = 0.5;

    public SpikeThresholds Thresholds => new(MinimumCount, MinimumRatio, MaximumPValue, MinimumExpected);
}
