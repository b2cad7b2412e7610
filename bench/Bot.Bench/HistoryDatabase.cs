using System.Diagnostics;
using Bot.Data;
using Bot.Data.Schema;
using Bot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Where the insights history lives: a throwaway test database (dropped at the end), or a kept one named by
/// <c>--db</c> (a SQLite file path, or a database name on the <c>BOT_TEST_POSTGRES</c> server) that is generated
/// once and reused by later runs, so the reports can be timed again without the minutes of generation.
/// </summary>
internal sealed class HistoryDatabase : IAsyncDisposable
{
    private readonly TestDatabase? throwaway;

    private HistoryDatabase(Database database, string connectionString, bool exists, TestDatabase? throwaway)
    {
        Database = database;
        ConnectionString = connectionString;
        Exists = exists;
        this.throwaway = throwaway;
    }

    public Database Database { get; }

    public string ConnectionString { get; }

    /// <summary>True when a kept database already held a history: it is reused as it is, not generated again.</summary>
    public bool Exists { get; }

    public static async Task<HistoryDatabase> OpenAsync(StorageProvider provider, string? kept)
    {
        if (kept is null)
        {
            var test = await TestDatabase.CreateAsync(provider);
            return new HistoryDatabase(test.Database, test.ConnectionString, exists: false, test);
        }

        string connectionString;
        bool exists;
        if (provider == StorageProvider.Sqlite)
        {
            exists = File.Exists(kept);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(kept) }.ToString();
        }
        else
        {
            var server = TestDatabase.PostgresServer ?? throw new InvalidOperationException($"{TestDatabase.PostgresVariable} is not set.");
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var find = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            find.Parameters.AddWithValue("name", kept);
            exists = await find.ExecuteScalarAsync() is not null;
            if (!exists)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{kept.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = kept }.ToString();
        }

        var database = new Database(Database.DialectFor(provider), connectionString);
        // A kept history is brought up to the current schema too (its pending scripts only), so that it can be timed
        // again after a migration; how long that took is printed, as a backfill at this size is worth knowing.
        var migration = Stopwatch.StartNew();
        var migrator = new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance);
        var pending = exists ? migrator.PendingScripts() : [];
        await migrator.MigrateAsync(CancellationToken.None);
        if (pending.Count > 0)
        {
            System.Console.WriteLine($"applied {string.Join(", ", pending)} to the kept history in {migration.Elapsed.TotalSeconds:F1} s");
        }

        return new HistoryDatabase(database, connectionString, exists, throwaway: null);
    }

    public async ValueTask DisposeAsync()
    {
        if (throwaway is not null)
        {
            await throwaway.DisposeAsync();
        }
    }
}
