using Bot.Data.Dialects.Sqlite;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Data.Dialects;

public sealed class SqliteDialect : SqlDialect
{
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override bool OneWriterAtATime => true;

    public override string AnyOf(string column, string parameter) => $"{column} IN {parameter}";

    public override string ClearSearchIndexSql => "DELETE FROM kb_search";

    public override string IndexArticleSql =>
        "INSERT INTO kb_search (rowid, title, keywords, summary, body) VALUES (@Id, @Title, @Keywords, @Summary, @Body)";

    // bm25() is lower-is-better; weights favour title and keywords over summary and steps.
    public override string LexicalSearchSql => """
        SELECT a.id AS Id, a.slug AS Slug, a.topic AS Topic, a.title AS Title, -bm25(kb_search, 4.0, 4.0, 2.0, 1.0) AS Score
        FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid
        WHERE kb_search MATCH @Query AND a.language = @Language
        ORDER BY Score DESC
        LIMIT @Limit
        """;

    public override double LexicalScoreScale => 4.0;

    public override string AnyTermQuery(IReadOnlyList<string> terms) =>
        string.Join(" OR ", terms.Select(term => $"\"{term}\""));

    /// <summary>Connections kept open with the statements they compiled (<see cref="PreparedConnections"/>).</summary>
    public override ConnectionSource ConnectionsFor(string connectionString) => new PreparedConnections(connectionString, Configure);

    /// <summary>
    /// Sets up each connection on its native handle, without compiling a statement on every open (the provider's own
    /// <c>Foreign Keys=True</c> runs a PRAGMA each time the pool hands a connection out):
    /// waits for another writer's lock instead of failing at once with "database is locked" (SQLite has one writer at
    /// a time, and a statement with RETURNING can meet the lock after its first row, where the provider does not retry),
    /// and enforces foreign keys, which the schema relies on, whatever the connection string says.
    /// </summary>
    private static void Configure(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_busy_timeout(handle, (int)BusyTimeout.TotalMilliseconds), "set the busy timeout");
        Check(raw.sqlite3_db_config(handle, raw.SQLITE_DBCONFIG_ENABLE_FKEY, 1, out _), "enforce foreign keys");

        static void Check(int result, string what)
        {
            if (result != raw.SQLITE_OK)
            {
                throw new SqliteException($"Could not {what} (SQLite error {result}).", result);
            }
        }
    }

    /// <summary>Write-ahead logging lets readers go on while one connection writes; the mode stays with the file.</summary>
    public override async Task PrepareDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Migrations run on DbUp's own connection, so foreign keys are switched on in its connection string.</summary>
    public override UpgradeEngineBuilder MigrationsTarget(string connectionString) =>
        DeployChanges.To.SqliteDatabase(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ToString());

    /// <summary>SQLite is one file on one machine, so a lock file beside it is the cross-process lock.</summary>
    public override async Task<IAsyncDisposable> AcquireMigrationLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var lockPath = Path.GetFullPath(path) + ".migrations.lock";
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(LockPollInterval, cancellationToken);
            }
        }
    }

    public override string Describe(string connectionString) =>
        $"the SQLite file '{new SqliteConnectionStringBuilder(connectionString).DataSource}'";

    /// <summary>The default database: <c>data/bot.db</c> under the content root (foreign keys are enforced on every connection).</summary>
    public static string DefaultConnectionString(string contentRoot) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(contentRoot, "data", "bot.db"),
        }.ToString();

    /// <summary>Creates the folder that holds the database file, so that a first run needs no set-up.</summary>
    public static void EnsureFolderExists(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
