using System.Data.Common;
using Dapper;

namespace Bot.Data.State;

/// <summary>
/// Key → JSON rows with an ETag each, for the bot's conversation and user state. A write that names the ETag it
/// read succeeds only while the row still has that ETag; a write that names none overwrites.
/// </summary>
public sealed class StateStore(Database database, TimeProvider time)
{
    private const string UpsertSql = """
        INSERT INTO bot_state (key, json, etag, updated_at) VALUES (@Key, @Json, @ETag, @At)
        ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at
        """;

    private const string ReplaceSql = """
        UPDATE bot_state SET json = @Json, etag = @ETag, updated_at = @At
        WHERE key = @Key AND etag = @ExpectedETag
        """;

    private const string ReadOneSql = "SELECT key AS Key, json AS Json, etag AS ETag FROM bot_state WHERE key = @Key";

    private readonly string readSql =
        $"SELECT key AS Key, json AS Json, etag AS ETag FROM bot_state WHERE {database.Dialect.AnyOf("key", "@Keys")}";

    private readonly string deleteSql = $"DELETE FROM bot_state WHERE {database.Dialect.AnyOf("key", "@Keys")}";

    public async Task<IReadOnlyList<StateEntry>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        // A turn reads its conversation's state alone; that common read is a plain lookup rather than a list to expand.
        var distinct = keys.Distinct().ToArray();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateEntry>(distinct is [var key]
            ? new CommandDefinition(ReadOneSql, new { Key = key }, cancellationToken: cancellationToken)
            : new CommandDefinition(readSql, new { Keys = distinct }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Writes all entries in one transaction and returns the new ETag of each key. If any conditional write finds
    /// another ETag (or no row), nothing is written and <see cref="StateConflictException"/> says which key.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken) =>
        writes.Count == 0
            ? new Dictionary<string, string>()
            : await database.InTransactionAsync((transaction, token) => WriteAsync(writes, transaction, token), cancellationToken);

    /// <summary>Writes all entries inside the caller's transaction; a conflict throws, and the caller rolls back.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<StateWrite> writes, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var etags = new Dictionary<string, string>(writes.Count, StringComparer.Ordinal);
        var at = time.GetUtcNow();
        foreach (var write in writes)
        {
            var etag = Guid.NewGuid().ToString("N");
            var args = new { write.Key, write.Json, ETag = etag, At = at, write.ExpectedETag };
            if (write.ExpectedETag is null)
            {
                await transaction.ExecuteAsync(UpsertSql, args, cancellationToken);
            }
            else if (await transaction.ExecuteAsync(ReplaceSql, args, cancellationToken) == 0)
            {
                throw new StateConflictException(write.Key);
            }

            etags[write.Key] = etag;
        }

        return etags;
    }

    /// <summary>Deletes the keys; a key that is not there is no error.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await database.InTransactionAsync(
            (transaction, token) => transaction.ExecuteAsync(deleteSql, new { Keys = keys.Distinct().ToArray() }, token), cancellationToken);
    }
}
