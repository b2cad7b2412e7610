using System.Data.Common;
using Dapper;

namespace Bot.Data.WebChat;

/// <summary>
/// The conversations of our own Direct Line and their activities (stored as the JSON the client receives), so that a
/// caregiver who reloads the page carries on where they were. Activity ids only grow: they are the watermarks. An
/// activity the client numbered (Web Chat's <c>clientActivityID</c>) is stored once per conversation, however often
/// the client sends it.
/// </summary>
public sealed class DirectLineStore(Database database, DirectLineSignal signal, TimeProvider time)
{
    private const string InsertActivitySql = """
        INSERT INTO directline_activities (conversation_id, client_activity_id, json, at) VALUES (@Conversation, @ClientActivityId, '{}', @At)
        ON CONFLICT (conversation_id, client_activity_id) DO NOTHING
        RETURNING id
        """;

    private const string FindClientActivitySql = """
        SELECT id AS Sequence, json AS Json FROM directline_activities WHERE conversation_id = @Conversation AND client_activity_id = @ClientActivityId
        """;

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
    /// The conversation's streams are woken once it is committed.
    /// </summary>
    public async Task<long> AppendAsync(string conversationId, Func<long, string> render, CancellationToken cancellationToken) =>
        (await AppendOnceAsync(conversationId, clientActivityId: null, render, cancellationToken)).Sequence;

    /// <summary>
    /// Adds an activity unless one with the same <paramref name="clientActivityId"/> is already in the conversation;
    /// then returns that one, with <see cref="AppendedActivity.IsNew"/> false, and adds nothing.
    /// </summary>
    public async Task<AppendedActivity> AppendOnceAsync(string conversationId, string? clientActivityId, Func<long, string> render, CancellationToken cancellationToken)
    {
        var appended = await database.InTransactionAsync(
            (transaction, token) => AppendOnceAsync(conversationId, clientActivityId, render, time.GetUtcNow(), transaction, token),
            cancellationToken);
        if (appended.IsNew)
        {
            signal.Notify(conversationId);
        }

        return appended;
    }

    /// <summary>
    /// Adds an activity inside the caller's transaction (a technician's message and its log entry commit together).
    /// The caller wakes the conversation's streams with <see cref="DirectLineSignal.Notify"/> once it has committed.
    /// </summary>
    public static async Task<long> AppendAsync(string conversationId, Func<long, string> render, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        (await AppendOnceAsync(conversationId, clientActivityId: null, render, at, transaction, cancellationToken)).Sequence;

    private static async Task<AppendedActivity> AppendOnceAsync(
        string conversationId, string? clientActivityId, Func<long, string> render, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var args = new { Conversation = conversationId, ClientActivityId = clientActivityId, At = at };
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertActivitySql, args, transaction, cancellationToken: cancellationToken));
        if (id is not { } sequence)
        {
            // The unique index found it: on PostgreSQL the insert waited for the first writer to commit, so it is there.
            var first = await connection.QuerySingleAsync<AppendedActivity>(new CommandDefinition(FindClientActivitySql, args, transaction, cancellationToken: cancellationToken));
            return first with { IsNew = false };
        }

        var json = render(sequence);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE directline_activities SET json = @Json WHERE id = @Id", new { Id = sequence, Json = json }, transaction, cancellationToken: cancellationToken));
        return new AppendedActivity { Sequence = sequence, Json = json, IsNew = true };
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

/// <summary>An activity as appended: its sequence number, its JSON, and whether this call added it or found it.</summary>
public sealed record AppendedActivity
{
    public long Sequence { get; init; }

    public required string Json { get; init; }

    public bool IsNew { get; init; }
}
