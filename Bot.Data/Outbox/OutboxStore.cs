using System.Data.Common;
using Dapper;

namespace Bot.Data.Outbox;

/// <summary>
/// Messages to deliver through an outside service that can fail or be slow (SMS). Each address gets its messages in
/// the order they were written: only the oldest undelivered message of an address is ever due.
/// </summary>
public sealed class OutboxStore(Database database)
{
    private const string InsertSql = """
        INSERT INTO outbox (channel, address, sender, body, conversation_id, created_at, next_attempt_at)
        VALUES (@Channel, @Address, @Sender, @Body, @ConversationId, @At, @At)
        RETURNING id
        """;

    private const string DueSql = """
        SELECT o.id AS Id, o.channel AS Channel, o.address AS Address, o.sender AS Sender, o.body AS Body,
               o.conversation_id AS ConversationId, o.attempts AS Attempts,
               EXISTS (SELECT 1 FROM opt_outs x WHERE x.channel = o.channel AND x.address = o.address AND x.opted_out) AS OptedOut
        FROM outbox o
        WHERE o.channel = @Channel AND o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= @Now
          AND o.id = (SELECT MIN(p.id) FROM outbox p
                      WHERE p.channel = o.channel AND p.address = o.address AND p.sent_at IS NULL AND p.dead_at IS NULL)
        ORDER BY o.id
        LIMIT @Limit
        """;

    private const string SentSql = "UPDATE outbox SET sent_at = @At, attempts = attempts + 1, external_id = @ExternalId, last_error = NULL WHERE id = @Id";

    private const string RetrySql = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @NextAttemptAt, last_error = @Error WHERE id = @Id";

    private const string DeadSql = "UPDATE outbox SET attempts = attempts + 1, dead_at = @At, last_error = @Error WHERE id = @Id";

    private const string StatusSql = """
        INSERT INTO delivery_reports (channel, external_id, status, error_code, received_at)
        VALUES (@Channel, @ExternalId, @Status, @ErrorCode, @At)
        """;

    // The latest report per message; reports are kept apart because one can arrive before the send is recorded.
    private const string ByConversationSql = """
        SELECT o.id AS Id, o.address AS Address, o.body AS Body, o.attempts AS Attempts, o.sent_at AS SentAt, o.dead_at AS DeadAt,
               o.last_error AS LastError, o.external_id AS ExternalId, r.status AS DeliveryStatus, r.error_code AS DeliveryError
        FROM outbox o
        LEFT JOIN delivery_reports r ON r.channel = o.channel AND r.external_id = o.external_id
            AND r.received_at = (SELECT MAX(l.received_at) FROM delivery_reports l WHERE l.channel = o.channel AND l.external_id = o.external_id)
        WHERE o.conversation_id = @ConversationId
        ORDER BY o.id
        """;

    public Task<long> EnqueueAsync(NewOutboxMessage message, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => EnqueueAsync(message, at, transaction, token), cancellationToken);

    /// <summary>Queues a message inside the caller's transaction, so it goes out only if the change that caused it commits.</summary>
    public static Task<long> EnqueueAsync(NewOutboxMessage message, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            message.Channel,
            message.Address,
            message.Sender,
            message.Body,
            message.ConversationId,
            At = at,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>The oldest undelivered message of each address whose next attempt is due, oldest first.</summary>
    public async Task<IReadOnlyList<PendingOutboxMessage>> DueAsync(string channel, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PendingOutboxMessage>(new CommandDefinition(
            DueSql, new { Channel = channel, Now = now, Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }

    public static Task MarkSentAsync(long id, string? externalId, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(SentSql, new { Id = id, ExternalId = externalId, At = at }, cancellationToken);

    public static Task RetryLaterAsync(long id, DateTimeOffset nextAttemptAt, string error, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(RetrySql, new { Id = id, NextAttemptAt = nextAttemptAt, Error = error }, cancellationToken);

    public static Task MarkDeadAsync(long id, string error, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(DeadSql, new { Id = id, Error = error, At = at }, cancellationToken);

    /// <summary>Records what the provider said about a sent message (queued, sent, delivered, undelivered, failed).</summary>
    public Task RecordDeliveryStatusAsync(string channel, string externalId, string status, string? errorCode, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.ExecuteAsync(StatusSql, new { Channel = channel, ExternalId = externalId, Status = status, ErrorCode = errorCode, At = at }, token),
            cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> ForConversationAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OutboxEntry>(new CommandDefinition(
            ByConversationSql, new { ConversationId = conversationId }, cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record NewOutboxMessage(string Channel, string Address, string Sender, string Body, long? ConversationId);

public sealed record PendingOutboxMessage
{
    public long Id { get; init; }

    public required string Channel { get; init; }

    public required string Address { get; init; }

    public required string Sender { get; init; }

    public required string Body { get; init; }

    public long? ConversationId { get; init; }

    public int Attempts { get; init; }

    /// <summary>The address asked not to be written to (SMS STOP) since the message was queued.</summary>
    public bool OptedOut { get; init; }
}

public sealed record OutboxEntry
{
    public long Id { get; init; }

    public required string Address { get; init; }

    public required string Body { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? DeadAt { get; init; }

    public string? LastError { get; init; }

    public string? ExternalId { get; init; }

    public string? DeliveryStatus { get; init; }

    public string? DeliveryError { get; init; }
}
