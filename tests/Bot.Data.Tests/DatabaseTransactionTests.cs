using Bot.Data.Outbox;
using Bot.Testing;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Tests;

public class DatabaseTransactionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_transactions_all_commit_and_one_that_throws_loses_only_its_own_writes(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = new OutboxStore(test.Database);

        var callers = Enumerable.Range(0, 60).Select(i => test.Database.InTransactionAsync(
            async (transaction, token) =>
            {
                var id = await OutboxStore.EnqueueAsync(new NewOutboxMessage("sms", $"+1555555{i:D4}", "+15555550199", $"reply {i}", null), At, transaction, token);
                return i == 13 ? throw new InvalidOperationException("caller 13 changed its mind") : id;
            },
            CancellationToken.None)).ToList();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => callers[13]);
        Assert.Equal("caller 13 changed its mind", failure.Message);
        var ids = await Task.WhenAll(callers.Where((_, i) => i != 13));
        Assert.Equal(59, ids.Distinct().Count());

        var due = await outbox.DueAsync("sms", At, 100, CancellationToken.None);
        Assert.Equal(59, due.Count);
        Assert.DoesNotContain(due, message => message.Body == "reply 13");
        Assert.Equal(ids.Order(), due.Select(message => message.Id).Order());
    }

    [Fact]
    public async Task Every_sqlite_connection_waits_for_the_writer_s_lock_and_enforces_foreign_keys_whatever_its_connection_string_says()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var saysNoForeignKeys = new SqliteConnectionStringBuilder(test.Database.ConnectionString) { ForeignKeys = false }.ToString();
        var database = new Database(test.Database.Dialect, saysNoForeignKeys);

        for (var open = 0; open < 3; open++)
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            Assert.Equal(30_000L, await PragmaAsync(connection, "busy_timeout"));
            Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
        }

        static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return await command.ExecuteScalarAsync();
        }
    }

    [Fact]
    public async Task A_caller_cancelled_before_its_turn_writes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var outbox = new OutboxStore(test.Database);
        var release = new TaskCompletionSource();
        using var cancelled = new CancellationTokenSource();

        // The first caller holds the commit open while the second queues behind it and is cancelled.
        var first = test.Database.InTransactionAsync(
            async (transaction, token) =>
            {
                await release.Task;
                return await OutboxStore.EnqueueAsync(new NewOutboxMessage("sms", "+15555550001", "+15555550199", "first", null), At, transaction, token);
            },
            CancellationToken.None);
        var second = test.Database.InTransactionAsync(
            (transaction, token) => OutboxStore.EnqueueAsync(new NewOutboxMessage("sms", "+15555550002", "+15555550199", "second", null), At, transaction, token),
            cancelled.Token);
        await cancelled.CancelAsync();
        release.SetResult();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal("first", Assert.Single(await outbox.DueAsync("sms", At, 10, CancellationToken.None)).Body);
    }

    [Fact]
    public async Task Disposing_the_database_first_commits_the_writes_already_queued_and_then_refuses_new_ones()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var database = new Database(test.Database.Dialect, test.Database.ConnectionString);
        var release = new TaskCompletionSource();

        // The first write holds the committer while ten more queue behind it; then the database is disposed.
        var first = database.InTransactionAsync(
            async (transaction, token) =>
            {
                await release.Task;
                return await EnqueueAsync(0, "first", transaction, token);
            },
            CancellationToken.None);
        var queued = Enumerable.Range(0, 10)
            .Select(i => database.InTransactionAsync((transaction, token) => EnqueueAsync(i + 1, $"queued {i}", transaction, token), CancellationToken.None))
            .ToList();
        var disposing = Task.Run(database.Dispose);

        await Task.Delay(200);
        Assert.False(disposing.IsCompleted, "disposing returned while writes were still queued");
        release.SetResult();
        await disposing;
        await first;
        await Task.WhenAll(queued);

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            database.InTransactionAsync((transaction, token) => EnqueueAsync(99, "too late", transaction, token), CancellationToken.None));
        var due = await new OutboxStore(test.Database).DueAsync("sms", At, 20, CancellationToken.None);
        Assert.Equal(11, due.Count);
        Assert.DoesNotContain(due, message => message.Body == "too late");

        static Task<long> EnqueueAsync(int phone, string body, System.Data.Common.DbTransaction transaction, CancellationToken token) =>
            OutboxStore.EnqueueAsync(new NewOutboxMessage("sms", $"+1555555{phone:D4}", "+15555550199", body, null), At, transaction, token);
    }
}
