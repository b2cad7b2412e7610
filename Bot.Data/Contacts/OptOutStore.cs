using System.Data.Common;
using Dapper;

namespace Bot.Data.Contacts;

/// <summary>Addresses that asked not to be written to (SMS STOP), and those that asked again (START).</summary>
public sealed class OptOutStore(Database database, TimeProvider time)
{
    private const string SetSql = """
        INSERT INTO opt_outs (channel, address, opted_out, updated_at) VALUES (@Channel, @Address, @OptedOut, @At)
        ON CONFLICT (channel, address) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at
        """;

    private const string GetSql = "SELECT opted_out FROM opt_outs WHERE channel = @Channel AND address = @Address";

    public Task SetAsync(string channel, string address, bool optedOut, CancellationToken cancellationToken) =>
        database.InTransactionAsync((transaction, token) => SetAsync(channel, address, optedOut, transaction, token), cancellationToken);

    public Task SetAsync(string channel, string address, bool optedOut, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            SetSql, new { Channel = channel, Address = address, OptedOut = optedOut, At = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    public async Task<bool> IsOptedOutAsync(string channel, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
            GetSql, new { Channel = channel, Address = address }, cancellationToken: cancellationToken)) ?? false;
    }

    public static async Task<bool> IsOptedOutAsync(string channel, string address, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<bool?>(new CommandDefinition(
            GetSql, new { Channel = channel, Address = address }, transaction, cancellationToken: cancellationToken)) ?? false;
}
