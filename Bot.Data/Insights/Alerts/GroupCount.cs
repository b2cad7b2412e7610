namespace Bot.Data.Insights.Alerts;

/// <summary>A group's tickets in the recent window and in its baseline, as the detector's query counts them.</summary>
public sealed record GroupCount
{
    public required string Topic { get; init; }

    public required string Value { get; init; }

    public required string Label { get; init; }

    public long Recent { get; init; }

    public long Baseline { get; init; }
}
