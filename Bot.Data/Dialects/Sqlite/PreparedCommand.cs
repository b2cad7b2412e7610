using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Dialects.Sqlite;

/// <summary>A command on a <see cref="PreparedConnection"/>: it runs on the statement the connection keeps for its text.</summary>
internal sealed class PreparedCommand(PreparedConnection connection) : DbCommand
{
    private readonly CommandParameters parameters = [];
    private PreparedConnection? connection = connection;
    private PreparedTransaction? transaction;

    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    /// <summary>Seconds to retry a locked database, from the connection string's Default Timeout as the provider's commands do.</summary>
    public override int CommandTimeout { get; set; } = connection.Statements.Connection.DefaultTimeout;

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => connection = (PreparedConnection?)value;
    }

    protected override DbParameterCollection DbParameterCollection => parameters;

    protected override DbTransaction? DbTransaction
    {
        get => transaction;
        set => transaction = (PreparedTransaction?)value;
    }

    public override void Cancel()
    {
    }

    /// <summary>Nothing to do: the connection compiles a text once, the first time it runs.</summary>
    public override void Prepare()
    {
    }

    public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery());

    public override object? ExecuteScalar() => Run(command => command.ExecuteScalar());

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var statements = Statements();
        var command = Take(statements);
        var reader = command.ExecuteReader(behavior);
        statements.Reading(command, reader);
        return reader;
    }

    private T Run<T>(Func<SqliteCommand, T> execute)
    {
        var statements = Statements();
        var command = Take(statements);
        var result = execute(command);
        statements.Done(command);
        return result;
    }

    private SqliteCommand Take(PreparedStatements statements)
    {
        if (CommandType != CommandType.Text)
        {
            throw new ArgumentException($"SQLite runs only CommandType.Text, not {CommandType}.");
        }

        return statements.Take(CommandText, transaction?.Inner, CommandTimeout, parameters);
    }

    private PreparedStatements Statements() =>
        (connection ?? throw new InvalidOperationException("The command has no connection.")).Statements;
}
