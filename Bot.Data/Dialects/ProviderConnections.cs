using System.Data.Common;

namespace Bot.Data.Dialects;

/// <summary>A new provider connection for each open; the provider pools them.</summary>
internal sealed class ProviderConnections(Func<DbConnection> create) : ConnectionSource
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = create();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
