namespace Bot.Insights;

/// <summary>How often the daily ticket summaries the reports read are brought up to date (<c>Insights:Summaries</c>).</summary>
public sealed class SummaryRefreshOptions
{
    public const string Section = "Insights:Summaries";

    /// <summary>
    /// Time between catch-ups. A report catches up first anyway; this keeps the days to redo few, so that the first
    /// report after a quiet week does not redo the whole week.
    /// </summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromMinutes(5);
}
