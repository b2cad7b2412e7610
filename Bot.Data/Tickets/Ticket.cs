namespace Bot.Data.Tickets;

/// <summary>What the bot (or a technician writing to someone first) knows when it opens a ticket.</summary>
public sealed record NewTicket
{
    /// <summary>The <see cref="OpenedBy"/> of tickets the bot opens.</summary>
    public const string Bot = "bot";

    public required long ConversationId { get; init; }

    public required string Channel { get; init; }

    public required string RequesterAddress { get; init; }

    public required string Language { get; init; }

    public required string Topic { get; init; }

    public required string Category { get; init; }

    public string Priority { get; init; } = "normal";

    public required string Summary { get; init; }

    public string? ArticleSlug { get; init; }

    public string? Started { get; init; }

    public string? LocationKind { get; init; }

    public string? LocationZip { get; init; }

    public string? DeviceAssetTag { get; init; }

    /// <summary>Who the ticket is about, when the desk knows them (a caregiver may write about their child).</summary>
    public long? PersonId { get; init; }

    /// <summary>The device from the register, when it is known.</summary>
    public long? DeviceId { get; init; }

    /// <summary>Who opened it: <see cref="Bot"/>, or the email of a technician who wrote to the person first.</summary>
    public string OpenedBy { get; init; } = Bot;
}

/// <summary>A ticket as stored.</summary>
public sealed record Ticket
{
    public long Id { get; init; }

    public required string Number { get; init; }

    public required string Status { get; init; }

    public required string Category { get; init; }

    public required string Topic { get; init; }

    public required string Priority { get; init; }

    public required string Channel { get; init; }

    public long ConversationId { get; init; }

    public required string RequesterAddress { get; init; }

    public required string Language { get; init; }

    public string? DeviceAssetTag { get; init; }

    public long? PersonId { get; init; }

    public long? DeviceId { get; init; }

    public string? LocationKind { get; init; }

    public string? LocationZip { get; init; }

    public string? Started { get; init; }

    public required string Summary { get; init; }

    public string? ArticleSlug { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset FirstResponseDueAt { get; init; }

    public DateTimeOffset ResolutionDueAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? Assignee { get; init; }

    public string? Resolution { get; init; }

    public string? ResolvedBy { get; init; }
}

/// <summary>One change of a ticket's status, with who made it.</summary>
public sealed record TicketEvent
{
    public DateTimeOffset At { get; init; }

    public string? FromStatus { get; init; }

    public required string ToStatus { get; init; }

    public required string Actor { get; init; }

    public string? Note { get; init; }
}
