using Bot.Data;
using Bot.Data.Dialects;
using Bot.Data.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Testing;

/// <summary>
/// A fresh, real database for one test: a SQLite file in a temp folder, or a new database on the PostgreSQL server
/// named by <c>BOT_TEST_POSTGRES</c>. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "BOT_TEST_POSTGRES";

    private readonly string? postgresName;

    private TestDatabase(StorageProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Database = new Database(Data.Database.DialectFor(provider), connectionString);
        this.postgresName = postgresName;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public Database Database { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The providers to run database tests on: SQLite always, PostgreSQL when <c>BOT_TEST_POSTGRES</c> is set.
    /// Under CI a missing server is an error, so that PostgreSQL tests cannot silently not run.
    /// </summary>
    public static IEnumerable<object[]> Providers()
    {
        yield return [StorageProvider.Sqlite];
        if (PostgresServer is not null)
        {
            yield return [StorageProvider.Postgres];
        }
        else if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI is set but {PostgresVariable} is not: the PostgreSQL tests would not run.");
        }
    }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, bool migrate = true)
    {
        var database = provider switch
        {
            StorageProvider.Sqlite => CreateSqlite(),
            StorageProvider.Postgres => await CreatePostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        if (migrate)
        {
            await new SchemaMigrator(database.Database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bot-tests");
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, $"{Guid.NewGuid():N}.db"),
        }.ToString();
        return new TestDatabase(StorageProvider.Sqlite, connectionString, postgresName: null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = $"bot_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestDatabase(StorageProvider.Postgres, connectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Provider == StorageProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
