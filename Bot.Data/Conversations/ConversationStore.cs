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
        RETURNING id AS Id, human_agent AS HumanAgent
        """;

    /// <summary>Records activity in a conversation, creating it on first sight; returns its id.</summary>
    public Task<long> TouchAsync(ConversationActivity activity, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => TouchAsync(activity, transaction, token), cancellationToken);

    /// <inheritdoc cref="TouchAsync(ConversationActivity, CancellationToken)"/>
    public static async Task<long> TouchAsync(ConversationActivity activity, DbTransaction transaction, CancellationToken cancellationToken) =>
        (await EnterAsync(activity, transaction, cancellationToken)).Id;

    /// <summary>Records activity in a conversation, creating it on first sight; says who answers it now.</summary>
    public static Task<EnteredConversation> EnterAsync(ConversationActivity activity, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleAsync<EnteredConversation>(new CommandDefinition(
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

    /// <summary>The technician who took the conversation over, or null while the bot answers it.</summary>
    public async Task<string?> HumanAgentAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT human_agent FROM conversations WHERE id = @Id", new { Id = conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>Puts a technician in the conversation (the bot goes quiet), or the bot back (null).</summary>
    public static Task SetHumanAgentAsync(long conversationId, string? agent, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET human_agent = @Agent WHERE id = @Id", new { Id = conversationId, Agent = agent }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Gives the conversation to <paramref name="agent"/> if nobody has it, inside the caller's transaction; who has it
    /// afterwards, and whether it was given just now.
    /// </summary>
    public static async Task<(bool Taken, string? Holder)> TakeAsync(long conversationId, string agent, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var taken = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET human_agent = @Agent WHERE id = @Id AND human_agent IS NULL", new { Id = conversationId, Agent = agent }, transaction, cancellationToken: cancellationToken));
        return (taken == 1, await HumanAgentAsync(conversationId, transaction, cancellationToken));
    }

    /// <summary>Gives the conversation back to the bot, inside the caller's transaction; false when the bot already had it.</summary>
    public static async Task<bool> ReleaseAsync(long conversationId, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET human_agent = NULL WHERE id = @Id AND human_agent IS NOT NULL", new { Id = conversationId }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The technician who has the conversation, read inside the caller's transaction; null when the bot has it.</summary>
    public static Task<string?> HumanAgentAsync(long conversationId, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT human_agent FROM conversations WHERE id = @Id", new { Id = conversationId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Where and to whom the conversation's messages go.</summary>
    public async Task<ConversationRoute?> RouteAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConversationRoute>(new CommandDefinition(
            "SELECT id AS Id, channel AS Channel, channel_conversation_id AS ChannelConversationId, address AS Address, reference_json AS ReferenceJson, human_agent AS HumanAgent FROM conversations WHERE id = @Id",
            new { Id = conversationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>What the channel needs to write into the conversation again (a Bot Framework conversation reference), if stored.</summary>
    public async Task<string?> ReferenceAsync(string channel, string channelConversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT reference_json FROM conversations WHERE channel = @Channel AND channel_conversation_id = @ChannelConversationId",
            new { Channel = channel, ChannelConversationId = channelConversationId },
            cancellationToken: cancellationToken));
    }
}

public sealed record ConversationRoute
{
    public long Id { get; init; }

    public required string Channel { get; init; }

    /// <summary>The channel's own id for the conversation (a Direct Line conversation id, a phone number for SMS).</summary>
    public required string ChannelConversationId { get; init; }

    public string? Address { get; init; }

    public string? ReferenceJson { get; init; }

    public string? HumanAgent { get; init; }
}

/// <summary>A conversation as a turn finds it: its id, and the technician who took it over, if any.</summary>
public sealed record EnteredConversation
{
    public long Id { get; init; }

    public string? HumanAgent { get; init; }
}
