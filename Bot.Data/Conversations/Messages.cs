namespace Bot.Data.Conversations;

/// <summary>Who wrote a message. Stored as the lower-case name.</summary>
public enum AuthorKind
{
    User,
    Bot,
    Technician,
    System,
}

public static class AuthorKindNames
{
    public static string ToStorageName(this AuthorKind kind) => kind switch
    {
        AuthorKind.User => "user",
        AuthorKind.Bot => "bot",
        AuthorKind.Technician => "technician",
        AuthorKind.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A message a person sent; <paramref name="ExternalId"/> is the channel's id for it, when it has one.</summary>
public sealed record InboundMessage(long ConversationId, string Channel, string? Text, DateTimeOffset At, string? ExternalId);

/// <summary>A message to the person; it is logged on <paramref name="TicketId"/>, or else on the conversation's open ticket.</summary>
public sealed record OutboundMessage(long ConversationId, AuthorKind Author, string Channel, string? Text, DateTimeOffset At, long? TicketId = null);

// Rows read by Dapper are property records: engines return booleans as different types (SQLite: integers).
public sealed record InboundRecord
{
    public long MessageId { get; init; }

    /// <summary>The turn that handled this message finished; a redelivery needs nothing more.</summary>
    public bool AlreadyProcessed { get; init; }
}

public sealed record StoredMessage
{
    public long Id { get; init; }

    public long? TicketId { get; init; }

    public required string Direction { get; init; }

    public required string AuthorKind { get; init; }

    public required string Channel { get; init; }

    public string? Text { get; init; }

    public string? ExternalId { get; init; }

    public bool Processed { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>An inbound message waiting for its turn, with what is needed to replay it.</summary>
public sealed record PendingInbound
{
    public long MessageId { get; init; }

    public long ConversationId { get; init; }

    public required string ChannelConversationId { get; init; }

    public string? Address { get; init; }

    public string? Text { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>How many files (MMS photos) came with the message.</summary>
    public int Files { get; init; }

    /// <summary>The technician who has the conversation, if one took it over.</summary>
    public string? HumanAgent { get; init; }

    /// <summary>
    /// Whether <see cref="Address"/> had opted out (SMS STOP) when the message was read, so that its turn need not
    /// look it up again; the outbox looks again before anything is sent.
    /// </summary>
    public bool SenderOptedOut { get; init; }
}
