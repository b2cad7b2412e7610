namespace Bot.Data.Devices;

/// <summary>A device the district lends: a Chromebook, a Windows laptop, a hotspot.</summary>
public sealed record Device
{
    public long Id { get; init; }

    public required string AssetTag { get; init; }

    public string? SerialNumber { get; init; }

    public required string Model { get; init; }

    /// <summary>chromebook, windows, hotspot or other.</summary>
    public required string Kind { get; init; }

    /// <summary>in service, loaned, in repair, lost or retired.</summary>
    public required string Status { get; init; }

    public string? School { get; init; }

    public string? Notes { get; init; }
}

/// <summary>A device lent to someone; <see cref="ReturnedAt"/> is null while they have it.</summary>
public sealed record Loan
{
    public long Id { get; init; }

    public long DeviceId { get; init; }

    public required string AssetTag { get; init; }

    public required string Model { get; init; }

    public required string Kind { get; init; }

    public long PersonId { get; init; }

    public required string PersonName { get; init; }

    public DateTimeOffset OutAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? ReturnedAt { get; init; }

    public string? ConditionNotes { get; init; }

    public long? TicketId { get; init; }
}

public static class DeviceKinds
{
    public static readonly IReadOnlyList<string> All = ["chromebook", "windows", "hotspot", "other"];
}

public static class DeviceStatuses
{
    public const string InService = "in service";
    public const string Loaned = "loaned";
    public const string InRepair = "in repair";
    public const string Lost = "lost";
    public const string Retired = "retired";

    public static readonly IReadOnlyList<string> All = [InService, Loaned, InRepair, Lost, Retired];
}

/// <summary>A device operation that cannot be done as asked (the device is lost, already lent, unknown...).</summary>
public sealed class DeviceOperationException(string message) : InvalidOperationException(message);
