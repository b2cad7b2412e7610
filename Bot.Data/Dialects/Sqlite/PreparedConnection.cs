using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>
/// One caller's use of a kept SQLite connection (<see cref="PreparedConnections"/>). Closing it rolls back a
/// transaction left open, closes readers left open and gives the connection back; the object is not used again.
/// </summary>
internal sealed class PreparedConnection(PreparedStatements statements, PreparedConnections source) : DbConnection
{
    private PreparedStatements? statements = statements;
    private PreparedTransaction? transaction;

    [AllowNull]
    public override string ConnectionString
    {
        get => source.ConnectionString;
        set => throw new NotSupportedException("Open connections through Database.OpenAsync.");
    }

    public override string Database => "main";

    public override string DataSource => source.DataSource;

    public override string ServerVersion => Statements.Connection.ServerVersion;

    public override ConnectionState State => statements is null ? ConnectionState.Closed : ConnectionState.Open;

    /// <summary>The connection's kept statements; the connection must be open.</summary>
    internal PreparedStatements Statements => statements ?? throw new InvalidOperationException("The connection is closed.");

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("A SQLite connection has one database.");

    public override void Open() => throw new InvalidOperationException(
        statements is null ? "A closed connection is not opened again: open another through Database.OpenAsync." : "The connection is already open.");

    public override void Close()
    {
        if (statements is not { } kept)
        {
            return;
        }

        var open = transaction;
        statements = null;
        transaction = null;
        try
        {
            open?.Dispose();
        }
        catch
        {
            // A connection that could not roll back is not handed to anyone else.
            kept.Dispose();
            throw;
        }

        source.Return(kept);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        transaction = new PreparedTransaction(this, Statements.Connection.BeginTransaction(isolationLevel));

    protected override DbCommand CreateDbCommand() => new PreparedCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }
}
