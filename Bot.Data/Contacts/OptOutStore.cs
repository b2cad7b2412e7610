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

    public async Task SetAsync(string channel, string address, bool optedOut, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            SetSql, new { Channel = channel, Address = address, OptedOut = optedOut, At = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task<bool> IsOptedOutAsync(string channel, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
            GetSql, new { Channel = channel, Address = address }, cancellationToken: cancellationToken)) ?? false;
    }
}
