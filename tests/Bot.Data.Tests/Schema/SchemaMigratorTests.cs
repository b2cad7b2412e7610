using Bot.Data;
using Bot.Data.Schema;
using Bot.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Data.Tests.Schema;

public class SchemaMigratorTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_database_gets_every_script_and_nothing_stays_pending(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        var migrator = Migrator(test.Database);
        Assert.NotEmpty(migrator.PendingScripts());

        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Empty(migrator.PendingScripts());
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bot_state"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrating_again_changes_nothing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await Migrator(test.Database).MigrateAsync(CancellationToken.None);

        Assert.Equal(ScriptCount(provider), await JournalRows(test.Database));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_starting_at_once_apply_each_script_once(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var instances = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var migrator = Migrator(new Database(test.Database.Dialect, test.ConnectionString));
            await start.Task;
            await migrator.MigrateAsync(CancellationToken.None);
        })).ToList();
        start.SetResult();
        await Task.WhenAll(instances);

        Assert.Equal(ScriptCount(provider), await JournalRows(test.Database));
        Assert.Empty(Migrator(test.Database).PendingScripts());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_instance_waits_while_another_holds_the_migration_lock(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        var held = await test.Database.Dialect.AcquireMigrationLockAsync(test.ConnectionString, CancellationToken.None);

        var migration = Task.Run(() => Migrator(test.Database).MigrateAsync(CancellationToken.None));
        var finishedEarly = await Task.WhenAny(migration, Task.Delay(TimeSpan.FromMilliseconds(500))) == migration;
        var pendingWhileHeld = Migrator(test.Database).PendingScripts().Count;
        await held.DisposeAsync();
        await migration;

        Assert.False(finishedEarly);
        Assert.Equal(ScriptCount(provider), pendingWhileHeld);
        Assert.Empty(Migrator(test.Database).PendingScripts());
    }

    [Fact]
    public async Task An_unreachable_postgres_server_is_reported_with_what_to_check()
    {
        var port = Ports.Closed();
        var database = new Database(Database.DialectFor(StorageProvider.Postgres),
            $"Host=127.0.0.1;Port={port};Database=desk;Username=desk;Password=secret-value;Timeout=3");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Migrator(database).MigrateAsync(CancellationToken.None));

        Assert.Contains($"the PostgreSQL database 'desk' on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Bot", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    private static SchemaMigrator Migrator(Database database) => new(database, NullLogger<SchemaMigrator>.Instance);

    /// <summary>The engine's SQL scripts, and the one written in C# (<see cref="TicketBusinessHoursBackfill"/>).</summary>
    private static int ScriptCount(StorageProvider provider) =>
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Count(name => name.StartsWith($"Bot.Data.Schema.{provider}.", StringComparison.Ordinal)) + 1;

    private static async Task<long> JournalRows(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions");
    }
}
