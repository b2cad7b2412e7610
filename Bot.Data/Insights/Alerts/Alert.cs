namespace Bot.Data.Insights.Alerts;

/// <summary>A stored alert: the group, the window, what was seen against what was expected, and who acknowledged it.</summary>
public sealed record Alert
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";

    public long Id { get; init; }

    public required string Dimension { get; init; }

    public required string Topic { get; init; }

    public required string GroupValue { get; init; }

    public required string GroupLabel { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public DateTimeOffset WindowEnd { get; init; }

    public long Observed { get; init; }

    public double Expected { get; init; }

    public double PValue { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public required string Status { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>"wifi tickets for ZIP 75001", as technicians read it.</summary>
    public string Describe() => $"{Topic} tickets for {AlertDimension.Of(Dimension).Noun} {GroupLabel}";
}

/// <summary>A ticket an alert counted, by id and number.</summary>
public sealed record AlertTicket(long AlertId, long TicketId, string Number);
