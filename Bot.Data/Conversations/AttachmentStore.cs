using System.Data.Common;
using Dapper;

namespace Bot.Data.Conversations;

/// <summary>
/// Files sent with inbound messages. Recorded as pending with the message (so nothing is lost if fetching fails or
/// the host stops), then stored with their bytes or rejected with a reason. A ticket's attachments are those of the
/// messages logged on it.
/// </summary>
public sealed class AttachmentStore(Database database)
{
    private const string InsertSql = """
        INSERT INTO attachments (message_id, position, source_url, declared_type, status, next_attempt_at, created_at)
        VALUES (@MessageId, @Position, @SourceUrl, @DeclaredType, 'pending', @At, @At)
        ON CONFLICT (message_id, position) DO NOTHING
        """;

    private const string DueSql = """
        SELECT id AS Id, message_id AS MessageId, source_url AS SourceUrl, declared_type AS DeclaredType, attempts AS Attempts
        FROM attachments
        WHERE status = 'pending' AND next_attempt_at <= @Now
        ORDER BY id
        LIMIT @Limit
        """;

    private const string StoredSql = """
        UPDATE attachments SET status = 'stored', content_type = @ContentType, size_bytes = @Size, content = @Content,
            attempts = attempts + 1, finished_at = @At, reason = NULL
        WHERE id = @Id
        """;

    private const string RejectedSql = """
        UPDATE attachments SET status = 'rejected', reason = @Reason, attempts = attempts + 1, finished_at = @At WHERE id = @Id
        """;

    private const string RetrySql = "UPDATE attachments SET attempts = attempts + 1, next_attempt_at = @NextAttemptAt, reason = @Reason WHERE id = @Id";

    private const string SelectInfo = """
        SELECT a.id AS Id, a.message_id AS MessageId, a.position AS Position, a.declared_type AS DeclaredType, a.status AS Status,
               a.content_type AS ContentType, a.size_bytes AS SizeBytes, a.reason AS Reason
        FROM attachments a
        """;

    private const string ForMessageSql = SelectInfo + "\nWHERE a.message_id = @MessageId ORDER BY a.position";

    private const string ForTicketSql = SelectInfo + "\nJOIN messages m ON m.id = a.message_id WHERE m.ticket_id = @TicketId ORDER BY a.message_id, a.position";

    private const string ContentSql = "SELECT content_type AS ContentType, content AS Content FROM attachments WHERE id = @Id AND status = 'stored'";

    /// <summary>Records a message's files as pending, inside the transaction that stores the message; a redelivery adds nothing.</summary>
    public static async Task RecordAsync(long messageId, IReadOnlyList<NewAttachment> files, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken)
    {
        for (var position = 0; position < files.Count; position++)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                InsertSql,
                new { MessageId = messageId, Position = position, files[position].SourceUrl, files[position].DeclaredType, At = at.ToUniversalTime() },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>Pending files whose next attempt is due, oldest first.</summary>
    public async Task<IReadOnlyList<PendingAttachment>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PendingAttachment>(new CommandDefinition(
            DueSql, new { Now = now.ToUniversalTime(), Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }

    public Task MarkStoredAsync(long id, string contentType, byte[] content, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(StoredSql, new { Id = id, ContentType = contentType, Size = (long)content.Length, Content = content, At = at.ToUniversalTime() }, cancellationToken);

    public Task MarkRejectedAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(RejectedSql, new { Id = id, Reason = reason, At = at.ToUniversalTime() }, cancellationToken);

    public Task RetryLaterAsync(long id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync(RetrySql, new { Id = id, NextAttemptAt = nextAttemptAt.ToUniversalTime(), Reason = reason }, cancellationToken);

    public Task<IReadOnlyList<AttachmentInfo>> ForMessageAsync(long messageId, CancellationToken cancellationToken) =>
        QueryAsync(ForMessageSql, new { MessageId = messageId }, cancellationToken);

    /// <summary>Every file sent with a message logged on the ticket.</summary>
    public Task<IReadOnlyList<AttachmentInfo>> ForTicketAsync(long ticketId, CancellationToken cancellationToken) =>
        QueryAsync(ForTicketSql, new { TicketId = ticketId }, cancellationToken);

    /// <summary>A stored file's bytes, or null when it was not stored.</summary>
    public async Task<AttachmentContent?> ContentAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttachmentContent>(new CommandDefinition(ContentSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<AttachmentInfo>> QueryAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttachmentInfo>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }

    private Task<int> ExecuteAsync(string sql, object args, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: token)),
            cancellationToken);
}

/// <summary>A file as the channel announced it: where to fetch it and the type the sender's phone claimed.</summary>
public sealed record NewAttachment(string SourceUrl, string DeclaredType);

public sealed record PendingAttachment
{
    public long Id { get; init; }

    public long MessageId { get; init; }

    public required string SourceUrl { get; init; }

    public required string DeclaredType { get; init; }

    public int Attempts { get; init; }
}

public sealed record AttachmentInfo
{
    public long Id { get; init; }

    public long MessageId { get; init; }

    public int Position { get; init; }

    public required string DeclaredType { get; init; }

    /// <summary>pending, stored or rejected.</summary>
    public required string Status { get; init; }

    public string? ContentType { get; init; }

    public long? SizeBytes { get; init; }

    /// <summary>Why a file was rejected, or why the last attempt to fetch it failed.</summary>
    public string? Reason { get; init; }
}

public sealed record AttachmentContent
{
    public required string ContentType { get; init; }

    public required byte[] Content { get; init; }
}
