using System.Data.Common;
using Dapper;

namespace Bot.Data;

/// <summary>Statements run inside a transaction a caller already holds (see <see cref="Database.InTransactionAsync{T}"/>).</summary>
public static class TransactionCommands
{
    public static Task<int> ExecuteAsync(this DbTransaction transaction, string sql, object args, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));

    public static Task<T?> ScalarAsync<T>(this DbTransaction transaction, string sql, object args, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<T?>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
}
