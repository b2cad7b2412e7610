using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>
/// The pool of SQLite connections, kept open with the statements each has compiled (<see cref="PreparedStatements"/>).
/// Microsoft.Data.Sqlite compiles a command's SQL again every time it runs (it keeps no statement cache:
/// dotnet/efcore#14044), which under load was about 15% of the desk's working CPU; the provider's own pool is switched off.
/// </summary>
internal sealed class PreparedConnections : ConnectionSource
{
    /// <summary>Idle connections kept; a burst opens more, which are closed when given back.</summary>
    internal const int MaxIdle = 32;

    private readonly string unpooled;
    private readonly Action<SqliteConnection> configure;
    private readonly ConcurrentStack<PreparedStatements> idle = new();
    private int idleCount;
    private volatile bool disposed;

    public PreparedConnections(string connectionString, Action<SqliteConnection> configure)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        ConnectionString = connectionString;
        DataSource = builder.DataSource;
        builder.Pooling = false;
        unpooled = builder.ToString();
        this.configure = configure;
    }

    public string ConnectionString { get; }

    public string DataSource { get; }

    /// <summary>Connections open now and not in use (for tests).</summary>
    internal int Idle => idle.Count;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryPop(out var kept))
        {
            Interlocked.Decrement(ref idleCount);
            return new PreparedConnection(kept, this);
        }

        var connection = new SqliteConnection(unpooled);
        try
        {
            await connection.OpenAsync(cancellationToken);
            configure(connection);
            return new PreparedConnection(new PreparedStatements(connection), this);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes back a connection its caller closed: kept for the next caller, or closed when enough are idle.</summary>
    internal void Return(PreparedStatements statements)
    {
        try
        {
            statements.Reset();
        }
        catch
        {
            statements.Dispose();
            throw;
        }

        if (!disposed && statements.Connection.State == ConnectionState.Open)
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdle)
            {
                idle.Push(statements);
                if (disposed)
                {
                    CloseIdle();
                }

                return;
            }

            Interlocked.Decrement(ref idleCount);
        }

        statements.Dispose();
    }

    /// <summary>Closes the idle connections; those in use are closed when given back.</summary>
    protected override void Dispose(bool disposing)
    {
        disposed = true;
        CloseIdle();
        base.Dispose(disposing);
    }

    private void CloseIdle()
    {
        while (idle.TryPop(out var statements))
        {
            Interlocked.Decrement(ref idleCount);
            statements.Dispose();
        }
    }
}
