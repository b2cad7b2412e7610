using System.Data.Common;

namespace Bot.Data.Dialects;

/// <summary>Where a database's connections come from: each <see cref="OpenAsync"/> hands out an open connection for one caller.</summary>
public abstract class ConnectionSource : IDisposable
{
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Closes whatever connections the source keeps.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
