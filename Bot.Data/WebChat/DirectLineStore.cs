using Dapper;

namespace Bot.Data.WebChat;

/// <summary>
/// The conversations of our own Direct Line and their activities (stored as the JSON the client receives), so that a
/// caregiver who reloads the page carries on where they were. Activity ids only grow: they are the watermarks.
/// </summary>
public sealed class DirectLineStore(Database database, TimeProvider time)
{
    public Task CreateAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "INSERT INTO directline_conversations (id, user_id, created_at) VALUES (@Id, @UserId, @At)",
                new { Id = conversationId, UserId = userId, At = time.GetUtcNow() },
                transaction,
                cancellationToken: token)),
            cancellationToken);

    public async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM directline_conversations WHERE id = @Id", new { Id = conversationId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Adds an activity; <paramref name="render"/> gets its sequence number (to build its id) and returns its JSON.
    /// </summary>
    public Task<long> AppendAsync(string conversationId, Func<long, string> render, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => AppendAsync(conversationId, render, time.GetUtcNow(), transaction, token), cancellationToken);

    /// <summary>Adds an activity inside the caller's transaction (a technician's message and its log entry commit together).</summary>
    public static async Task<long> AppendAsync(string conversationId, Func<long, string> render, DateTimeOffset at, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO directline_activities (conversation_id, json, at) VALUES (@Conversation, '{}', @At) RETURNING id",
            new { Conversation = conversationId, At = at },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE directline_activities SET json = @Json WHERE id = @Id", new { Id = id, Json = render(id) }, transaction, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>The activities after <paramref name="watermark"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<StoredActivity>> SinceAsync(string conversationId, long watermark, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredActivity>(new CommandDefinition(
            "SELECT id AS Id, json AS Json FROM directline_activities WHERE conversation_id = @Conversation AND id > @Watermark ORDER BY id LIMIT @Limit",
            new { Conversation = conversationId, Watermark = watermark, Limit = limit },
            cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record StoredActivity
{
    public long Id { get; init; }

    public required string Json { get; init; }
}
