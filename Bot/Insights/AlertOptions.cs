namespace Bot.Insights;

/// <summary>
/// The systemic-problem alerts (<c>Insights:Alerts</c>): how often to scan, and the two comparisons each scan makes,
/// the last day against the days before it and the last week against the weeks before it.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Insights:Alerts";

    /// <summary>Scan at all; off leaves the console page and the stored alerts as they are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scans.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A sudden cluster: four times the usual rate in the last 24 hours.</summary>
    public AlertScanOptions Daily { get; set; } = new(TimeSpan.FromDays(1))
    {
        BaselineWindows = 28,
        MinimumCount = 5,
        MinimumRatio = 3.0,
        MaximumPValue = 0.0001,
        MinimumExpected = 0.5,
    };

    /// <summary>
    /// A slower rise a day at a time never shows: a group doubling week over week. A week holds seven times the
    /// tickets of a day, so a smaller ratio is as unlikely by chance.
    /// </summary>
    public AlertScanOptions Weekly { get; set; } = new(TimeSpan.FromDays(7))
    {
        BaselineWindows = 4,
        MinimumCount = 10,
        MinimumRatio = 2.0,
        MaximumPValue = 0.001,
        MinimumExpected = 1.0,
    };

    /// <summary>The comparisons in the order a scan makes them, with their setting names; a day's alert keeps the week's quiet.</summary>
    public IEnumerable<(string Name, AlertScanOptions Scan)> Scans => [(nameof(Daily), Daily), (nameof(Weekly), Weekly)];
}
