using System.Data.Common;
using Dapper;

namespace Bot.Data.Conversations;

/// <summary>One row per conversation on a channel: who is in it and how to write to it later.</summary>
public sealed class ConversationStore(Database database)
{
    private const string UpsertSql = """
        INSERT INTO conversations (channel, channel_conversation_id, address, reference_json, created_at, last_activity_at)
        VALUES (@Channel, @ChannelConversationId, @Address, @ReferenceJson, @At, @At)
        ON CONFLICT (channel, channel_conversation_id) DO UPDATE SET
            address = COALESCE(excluded.address, conversations.address),
            reference_json = COALESCE(excluded.reference_json, conversations.reference_json),
            last_activity_at = excluded.last_activity_at
        RETURNING id
        """;

    /// <summary>Records activity in a conversation, creating it on first sight; returns its id.</summary>
    public Task<long> TouchAsync(ConversationActivity activity, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => TouchAsync(activity, transaction, token), cancellationToken);

    /// <inheritdoc cref="TouchAsync(ConversationActivity, CancellationToken)"/>
    public static Task<long> TouchAsync(ConversationActivity activity, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            UpsertSql,
            new
            {
                activity.Channel,
                activity.ChannelConversationId,
                activity.Address,
                activity.ReferenceJson,
                At = activity.At.ToUniversalTime(),
            },
            transaction,
            cancellationToken: cancellationToken));
}
