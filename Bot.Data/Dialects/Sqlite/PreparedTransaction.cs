using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>A transaction on a <see cref="PreparedConnection"/>; its savepoints run on kept statements too.</summary>
internal sealed class PreparedTransaction(PreparedConnection connection, SqliteTransaction inner) : DbTransaction
{
    public SqliteTransaction Inner { get; } = inner;

    public override IsolationLevel IsolationLevel => Inner.IsolationLevel;

    public override bool SupportsSavepoints => true;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => Inner.Commit();

    public override void Rollback() => Inner.Rollback();

    public override void Save(string savepointName) => connection.Statements.Execute($"SAVEPOINT {Quote(savepointName)};", Inner);

    public override void Release(string savepointName) => connection.Statements.Execute($"RELEASE SAVEPOINT {Quote(savepointName)};", Inner);

    public override void Rollback(string savepointName) => connection.Statements.Execute($"ROLLBACK TO SAVEPOINT {Quote(savepointName)};", Inner);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
