using System.Data.Common;
using Bot.Data.Dialects;

namespace Bot.Data;

/// <summary>The configured database: its dialect and connection string. Every store opens connections here.</summary>
public sealed class Database(SqlDialect dialect, string connectionString)
{
    static Database() => DateTimeOffsetHandler.Register();

    public SqlDialect Dialect { get; } = dialect;

    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.ConfigureConnectionAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on a connection of its own, committed if it returns.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
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

    public static SqlDialect DialectFor(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(),
        StorageProvider.Postgres => new PostgresDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No dialect for this provider."),
    };
}
