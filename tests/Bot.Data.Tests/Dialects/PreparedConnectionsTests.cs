using System.Data.Common;
using Bot.Data.Dialects.Sqlite;
using Bot.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Data.Tests.Dialects;

public class PreparedConnectionsTests
{
    private const string NextNumberSql = "SELECT @N + 1";

    [Fact]
    public async Task A_statement_is_compiled_once_per_connection_and_bound_to_each_call_s_values()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var compiles = 0;
        var results = new List<long>();
        for (var n = 1; n <= 3; n++)
        {
            // Each caller opens and closes its own connection, as the stores do; the pool hands back the same one.
            await using var connection = await test.Database.OpenAsync(CancellationToken.None);
            if (n == 1)
            {
                // SQLite asks the authorizer while it compiles a statement, never while it runs one.
                strdelegate_authorizer countSelects = (_, action, _, _, _, _) =>
                {
                    compiles += action == raw.SQLITE_SELECT ? 1 : 0;
                    return raw.SQLITE_OK;
                };
                raw.sqlite3_set_authorizer(NativeHandle(connection), countSelects, null);
            }

            results.Add(await connection.ExecuteScalarAsync<long>(NextNumberSql, new { N = n }));
        }

        Assert.Equal([2L, 3L, 4L], results);
        Assert.Equal(1, compiles);
    }

    [Fact]
    public async Task A_statement_still_being_read_runs_again_beside_its_reader()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        const string twoRows = "SELECT @N UNION ALL SELECT @N + 1";
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);

        await using var first = await connection.ExecuteReaderAsync(twoRows, new { N = 10 });
        Assert.True(await first.ReadAsync());
        Assert.Equal(10L, first.GetInt64(0));

        Assert.Equal([20L, 21L], await connection.QueryAsync<long>(twoRows, new { N = 20 }));

        Assert.True(await first.ReadAsync());
        Assert.Equal(11L, first.GetInt64(0));
        Assert.False(await first.ReadAsync());
    }

    [Fact]
    public async Task A_statement_that_failed_runs_again_with_new_values()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        const string insert = "INSERT INTO scratch (x) VALUES (@X)";
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE scratch (x INTEGER UNIQUE)");
        await connection.ExecuteAsync(insert, new { X = 1 });

        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(insert, new { X = 1 }));
        await connection.ExecuteAsync(insert, new { X = 2 });

        Assert.Equal([1L, 2L], await connection.QueryAsync<long>("SELECT x FROM scratch ORDER BY x"));
    }

    [Fact]
    public async Task Texts_past_the_kept_limit_still_run_each_with_its_own_values()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);

        var extra = PreparedStatements.MaxStatements + 10;
        for (var i = 0; i < extra; i++)
        {
            Assert.Equal(i + 7L, await connection.ExecuteScalarAsync<long>($"SELECT {i} + @Seven", new { Seven = 7 }));
        }

        Assert.Equal(PreparedStatements.MaxStatements, ((PreparedConnection)connection).Statements.Count);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_connection_closes_and_the_next_caller_starts_clean()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using (var setUp = await test.Database.OpenAsync(CancellationToken.None))
        {
            await setUp.ExecuteAsync("CREATE TABLE scratch (x INTEGER)");
        }

        sqlite3 handle;
        await using (var abandoned = await test.Database.OpenAsync(CancellationToken.None))
        {
            handle = NativeHandle(abandoned);
            var transaction = await abandoned.BeginTransactionAsync();
            await abandoned.ExecuteAsync("INSERT INTO scratch (x) VALUES (@X)", new { X = 1 }, transaction);
        }

        await using var next = await test.Database.OpenAsync(CancellationToken.None);
        Assert.Same(handle, NativeHandle(next));
        await using var own = await next.BeginTransactionAsync();
        await next.ExecuteAsync("INSERT INTO scratch (x) VALUES (@X)", new { X = 2 }, own);
        await own.CommitAsync();
        Assert.Equal([2L], await next.QueryAsync<long>("SELECT x FROM scratch"));
    }

    [Fact]
    public async Task A_burst_of_connections_leaves_at_most_the_idle_limit_open_and_disposing_the_database_closes_them()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var source = new PreparedConnections(test.ConnectionString, _ => { });
        var burst = new List<DbConnection>();
        for (var i = 0; i < PreparedConnections.MaxIdle + 8; i++)
        {
            burst.Add(await source.OpenAsync(CancellationToken.None));
        }

        foreach (var connection in burst)
        {
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT 1"));
            await connection.DisposeAsync();
        }

        Assert.Equal(PreparedConnections.MaxIdle, source.Idle);

        // SQLite removes the write-ahead log when the last connection to the file closes.
        SqliteConnection.ClearAllPools();
        await using (var writer = await test.Database.OpenAsync(CancellationToken.None))
        {
            await writer.ExecuteAsync("CREATE TABLE scratch (x INTEGER)");
        }

        await test.Database.DisposeAsync();
        source.Dispose();
        Assert.Equal(0, source.Idle);
        Assert.False(File.Exists(new SqliteConnectionStringBuilder(test.ConnectionString).DataSource + "-wal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => test.Database.OpenAsync(CancellationToken.None));
    }

    private static sqlite3 NativeHandle(DbConnection connection) => ((PreparedConnection)connection).Statements.Connection.Handle!;
}
