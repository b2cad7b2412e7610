using Microsoft.Data.Sqlite;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>
/// One open SQLite connection and the statements compiled on it, kept by their SQL text: a text is compiled the first
/// time it runs here and afterwards only bound to the new values. A text whose last reader is still open, or one past
/// <see cref="MaxStatements"/>, runs on a command of its own, compiled for that run.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    /// <summary>More than the desk runs; texts that differ per call (a list expanded into parameters) stop here.</summary>
    internal const int MaxStatements = 256;

    private static readonly CommandParameters NoParameters = [];

    private readonly Dictionary<string, Kept> kept = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> ownRuns = [];

    public SqliteConnection Connection { get; } = connection;

    /// <summary>How many statements are kept compiled on this connection.</summary>
    public int Count => kept.Count;

    /// <summary>A command for <paramref name="sql"/> bound to <paramref name="parameters"/>, to execute once.</summary>
    public SqliteCommand Take(string sql, SqliteTransaction? transaction, int timeout, SqliteParameterCollection parameters)
    {
        SqliteCommand command;
        if (kept.TryGetValue(sql, out var statement) && statement.Reader is not { IsClosed: false })
        {
            command = statement.Command;
            statement.Reader = null;
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            if (statement is null && kept.Count < MaxStatements)
            {
                kept.Add(sql, new Kept(command));
            }
            else
            {
                ownRuns.Add(command);
            }
        }

        command.Transaction = transaction;
        command.CommandTimeout = timeout;
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The command ran to the end: its values are let go, and a command of its own is disposed.</summary>
    public void Done(SqliteCommand command)
    {
        if (ownRuns.Remove(command))
        {
            command.Dispose();
            return;
        }

        command.Parameters.Clear();
    }

    /// <summary>The command's reader is being read: the statement is not bound again until the reader is closed.</summary>
    public void Reading(SqliteCommand command, SqliteDataReader reader)
    {
        if (kept.TryGetValue(command.CommandText, out var statement) && ReferenceEquals(statement.Command, command))
        {
            statement.Reader = reader;
        }
    }

    /// <summary>Runs a statement without parameters or results (a savepoint) in <paramref name="transaction"/>.</summary>
    public void Execute(string sql, SqliteTransaction transaction)
    {
        var command = Take(sql, transaction, Connection.DefaultTimeout, NoParameters);
        command.ExecuteNonQuery();
        Done(command);
    }

    /// <summary>The caller is done with the connection: readers it left open are closed, and its own commands disposed.</summary>
    public void Reset()
    {
        foreach (var statement in kept.Values)
        {
            statement.Reader?.Dispose();
            statement.Reader = null;
            statement.Command.Parameters.Clear();
            statement.Command.Transaction = null;
        }

        foreach (var command in ownRuns)
        {
            command.Dispose();
        }

        ownRuns.Clear();
    }

    public void Dispose()
    {
        Reset();
        foreach (var statement in kept.Values)
        {
            statement.Command.Dispose();
        }

        kept.Clear();
        Connection.Dispose();
    }

    private sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public SqliteDataReader? Reader { get; set; }
    }
}
