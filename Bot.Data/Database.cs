using System.Data.Common;
using Bot.Data.Dialects;

namespace Bot.Data;

/// <summary>
/// The configured database: its dialect and connection string. Every store opens connections here; disposing it
/// closes the connections it keeps.
/// </summary>
public sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly ConnectionSource connections;
    private readonly GroupCommit? groupCommit;

    static Database() => DateTimeOffsetHandler.Register();

    public Database(SqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        connections = dialect.ConnectionsFor(connectionString);
        groupCommit = dialect.OneWriterAtATime ? new GroupCommit(OpenAsync) : null;
    }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => connections.OpenAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, committed if it returns and rolled back if it throws. Where the
    /// engine has one writer at a time, concurrent callers share a commit (<see cref="GroupCommit"/>): the work must
    /// only run statements on the transaction it is given.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (groupCommit is not null)
        {
            return await groupCommit.RunAsync(work, cancellationToken);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public Task InTransactionAsync(Func<DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (transaction, token) =>
            {
                await work(transaction, token);
                return true;
            },
            cancellationToken);

    public void Dispose()
    {
        groupCommit?.Dispose();
        connections.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public static SqlDialect DialectFor(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(),
        StorageProvider.Postgres => new PostgresDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No dialect for this provider."),
    };
}
