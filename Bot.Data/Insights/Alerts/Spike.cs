namespace Bot.Data.Insights.Alerts;

/// <summary>A group whose tickets in the recent window are well above what its baseline leads one to expect.</summary>
public sealed record Spike(AlertDimension Dimension, string Topic, string Value, string Label, long Observed, double Expected, double PValue);
