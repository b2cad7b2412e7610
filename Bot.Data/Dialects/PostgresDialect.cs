using DbUp;
using DbUp.Builder;
using Npgsql;

namespace Bot.Data.Dialects;

public sealed class PostgresDialect : SqlDialect
{
    /// <summary>An arbitrary, fixed key for <c>pg_advisory_lock</c>: "desk" in ASCII.</summary>
    private const long MigrationLockKey = 0x6465736B;

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string AnyOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public override string ClearSearchIndexSql => "UPDATE kb_articles SET search_vector = NULL";

    public override string IndexArticleSql => """
        UPDATE kb_articles SET search_vector =
            setweight(to_tsvector(CAST(@Config AS regconfig), @Title), 'A') ||
            setweight(to_tsvector(CAST(@Config AS regconfig), @Keywords), 'A') ||
            setweight(to_tsvector(CAST(@Config AS regconfig), @Summary), 'B') ||
            setweight(to_tsvector(CAST(@Config AS regconfig), @Body), 'C')
        WHERE id = @Id
        """;

    public override string LexicalSearchSql => """
        SELECT id AS Id, slug AS Slug, topic AS Topic, title AS Title,
               ts_rank_cd(search_vector, to_tsquery(CAST(@Config AS regconfig), @Query)) AS Score
        FROM kb_articles
        WHERE language = @Language AND search_vector @@ to_tsquery(CAST(@Config AS regconfig), @Query)
        ORDER BY Score DESC
        LIMIT @Limit
        """;

    public override double LexicalScoreScale => 2.0;

    public override string AnyTermQuery(IReadOnlyList<string> terms) => string.Join(" | ", terms);

    public override ConnectionSource ConnectionsFor(string connectionString) =>
        new ProviderConnections(() => new NpgsqlConnection(connectionString));

    // SHARE ROW EXCLUSIVE conflicts with itself and with the ROW EXCLUSIVE lock every INSERT takes: it waits for
    // transactions already writing to the table to end, and holds new ones off until this one ends.
    public override string? ExclusiveWriteLockSql(string table) => $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE";

    public override UpgradeEngineBuilder MigrationsTarget(string connectionString) =>
        DeployChanges.To.PostgresqlDatabase(connectionString);

    /// <summary>A session-level advisory lock, held on its own connection until disposed.</summary>
    public override async Task<IAsyncDisposable> AcquireMigrationLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Closing the session releases the lock as well; unlocking first keeps pooled connections clean.
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", MigrationLockKey);
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
