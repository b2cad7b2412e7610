using Microsoft.Data.Sqlite;

namespace Bot.Tests.Support;

/// <summary>
/// Holds a SQLite database's write lock from a connection of its own, as another process writing would: the app's
/// reads go on, and its writes wait until this is disposed.
/// </summary>
internal sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private bool released;

    private SqliteWriteLock(SqliteConnection connection) => this.connection = connection;

    public static async Task<SqliteWriteLock> TakeAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return new SqliteWriteLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (released)
        {
            return;
        }

        released = true;
        await using (var rollback = connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        await connection.DisposeAsync();
    }
}
