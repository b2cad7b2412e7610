using System.Data.Common;
using Dapper;

namespace Bot.Data.Conversations;

/// <summary>
/// Every message in and out of a conversation. An inbound message's channel id is its idempotency key:
/// a redelivery finds the first row instead of adding another.
/// </summary>
public sealed class MessageStore(Database database)
{
    private const string InsertInboundSql = """
        INSERT INTO messages (conversation_id, ticket_id, direction, author_kind, channel, text, at, external_id)
        VALUES (@ConversationId, (SELECT open_ticket_id FROM conversations WHERE id = @ConversationId), 'in', 'user', @Channel, @Text, @At, @ExternalId)
        ON CONFLICT (channel, external_id) DO NOTHING
        RETURNING id
        """;

    private const string FindInboundSql = """
        SELECT id AS MessageId, processed_at IS NOT NULL AS AlreadyProcessed
        FROM messages
        WHERE channel = @Channel AND external_id = @ExternalId
        """;

    private const string InsertOutboundSql = """
        INSERT INTO messages (conversation_id, ticket_id, direction, author_kind, channel, text, at)
        VALUES (@ConversationId, COALESCE(@TicketId, (SELECT open_ticket_id FROM conversations WHERE id = @ConversationId)), 'out', @AuthorKind, @Channel, @Text, @At)
        RETURNING id
        """;

    private const string MarkProcessedSql = "UPDATE messages SET processed_at = @At WHERE id = @MessageId";

    private const string SelectMessages = """
        SELECT id AS Id, ticket_id AS TicketId, direction AS Direction, author_kind AS AuthorKind, channel AS Channel,
               text AS Text, external_id AS ExternalId, processed_at IS NOT NULL AS Processed, at AS At
        FROM messages
        """;

    private const string TranscriptSql = SelectMessages + "\nWHERE conversation_id = @ConversationId ORDER BY id";

    private const string TicketTranscriptSql = SelectMessages + "\nWHERE ticket_id = @TicketId ORDER BY id";

    /// <summary>
    /// Stores an inbound message once. A redelivery of a message already stored returns the first row, and says
    /// whether its turn already finished (then the caller does nothing more) or not (the earlier attempt failed).
    /// </summary>
    public Task<InboundRecord> RecordInboundAsync(InboundMessage message, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => RecordInboundAsync(message, transaction, token), cancellationToken);

    /// <inheritdoc cref="RecordInboundAsync(InboundMessage, CancellationToken)"/>
    public static async Task<InboundRecord> RecordInboundAsync(InboundMessage message, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var args = new
        {
            message.ConversationId,
            message.Channel,
            message.Text,
            At = message.At.ToUniversalTime(),
            message.ExternalId,
        };
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertInboundSql, args, transaction, cancellationToken: cancellationToken));
        if (id is { } newId)
        {
            return new InboundRecord { MessageId = newId, AlreadyProcessed = false };
        }

        return await connection.QuerySingleAsync<InboundRecord>(new CommandDefinition(FindInboundSql, args, transaction, cancellationToken: cancellationToken));
    }

    public Task MarkProcessedAsync(long messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => MarkProcessedAsync(messageId, at, transaction, token), cancellationToken);

    public static Task MarkProcessedAsync(long messageId, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            MarkProcessedSql, new { MessageId = messageId, At = at.ToUniversalTime() }, transaction, cancellationToken: cancellationToken));

    public Task<long> RecordOutboundAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => RecordOutboundAsync(message, transaction, token), cancellationToken);

    public static Task<long> RecordOutboundAsync(OutboundMessage message, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            InsertOutboundSql,
            new
            {
                message.ConversationId,
                AuthorKind = message.Author.ToStorageName(),
                message.Channel,
                message.Text,
                At = message.At.ToUniversalTime(),
                message.TicketId,
            },
            transaction,
            cancellationToken: cancellationToken));

    private const string PendingInboundSql = """
        SELECT m.id AS MessageId, m.conversation_id AS ConversationId, c.channel_conversation_id AS ChannelConversationId,
               c.address AS Address, m.text AS Text, m.external_id AS ExternalId, c.human_agent AS HumanAgent,
               (SELECT COUNT(*) FROM attachments a WHERE a.message_id = m.id) AS Files,
               EXISTS (SELECT 1 FROM opt_outs x WHERE x.channel = m.channel AND x.address = c.address AND x.opted_out) AS SenderOptedOut
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.channel = @Channel AND m.direction = 'in' AND m.processed_at IS NULL /**skipping**/
        ORDER BY m.id
        LIMIT @Limit
        """;

    /// <summary>
    /// Inbound messages of a channel stored but not yet handled, oldest first: a channel that acknowledges before it
    /// handles (SMS) works through these, and finds them again after a restart.
    /// </summary>
    public Task<IReadOnlyList<PendingInbound>> PendingInboundAsync(string channel, int limit, CancellationToken cancellationToken) =>
        PendingInboundAsync(channel, [], limit, cancellationToken);

    /// <summary>The same, leaving out the conversations in <paramref name="skipping"/> (those already being answered).</summary>
    public async Task<IReadOnlyList<PendingInbound>> PendingInboundAsync(
        string channel, IReadOnlyCollection<long> skipping, int limit, CancellationToken cancellationToken)
    {
        var sql = skipping.Count == 0
            ? PendingInboundSql
            : PendingInboundSql.Replace("/**skipping**/", $"AND NOT ({database.Dialect.AnyOf("m.conversation_id", "@Skipping")})", StringComparison.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PendingInbound>(new CommandDefinition(
            sql, new { Channel = channel, Skipping = skipping.ToArray(), Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Every message logged on a ticket, in the order they were stored.</summary>
    public async Task<IReadOnlyList<StoredMessage>> TicketTranscriptAsync(long ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredMessage>(new CommandDefinition(
            TicketTranscriptSql, new { TicketId = ticketId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The conversation's messages in the order they were stored.</summary>
    public async Task<IReadOnlyList<StoredMessage>> TranscriptAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredMessage>(new CommandDefinition(
            TranscriptSql, new { ConversationId = conversationId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
