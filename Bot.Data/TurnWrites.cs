using System.Data.Common;

namespace Bot.Data;

/// <summary>
/// The writes one bot turn makes, committed together in one short transaction when the turn ends: the dialog state,
/// the messages the bot said, and the outbox rows that carry them. A reply is therefore never queued without the
/// state change that caused it, nor the state saved without its reply, and a turn costs one commit rather than one
/// per write. The turn's middleware opens it with <see cref="Begin"/>; code running inside the turn finds it as
/// <see cref="Current"/> (null outside a turn, where callers write at once).
/// </summary>
public sealed class TurnWrites
{
    private static readonly AsyncLocal<TurnWrites?> Ambient = new();

    private readonly Database database;
    private readonly List<(Func<DbTransaction, CancellationToken, Task> Write, bool KeepIfTurnFails)> writes = [];
    private readonly List<Action> afterCommit = [];
    private bool closed;

    private TurnWrites(Database database) => this.database = database;

    /// <summary>The writes of the turn running on this call path, if any.</summary>
    public static TurnWrites? Current => Ambient.Value;

    /// <summary>
    /// Adds <paramref name="write"/> to the turn running on this call path, or, outside a turn, commits it at once.
    /// </summary>
    public static Task AddOrCommitAsync(Database database, Func<DbTransaction, CancellationToken, Task> write, bool keepIfTurnFails, CancellationToken cancellationToken) =>
        Current is { } turn ? turn.AddAsync(write, keepIfTurnFails, cancellationToken) : database.InTransactionAsync(write, cancellationToken);

    /// <summary>Opens the turn's writes for the code the caller runs next; end with Commit or Fail.</summary>
    public static TurnWrites Begin(Database database)
    {
        var turn = new TurnWrites(database);
        Ambient.Value = turn;
        return turn;
    }

    /// <summary>
    /// Adds a write to the turn. <paramref name="keepIfTurnFails"/>: a message the person was (or will be) sent stays
    /// on record even if the turn fails later; a state change does not. Once the turn has ended the write runs at once.
    /// </summary>
    public Task AddAsync(Func<DbTransaction, CancellationToken, Task> write, bool keepIfTurnFails, CancellationToken cancellationToken)
    {
        lock (writes)
        {
            if (!closed)
            {
                writes.Add((write, keepIfTurnFails));
                return Task.CompletedTask;
            }
        }

        return database.InTransactionAsync(write, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> once the turn's writes are committed (at once if they already are).</summary>
    public void AfterCommit(Action action)
    {
        lock (writes)
        {
            if (!closed)
            {
                afterCommit.Add(action);
                return;
            }
        }

        action();
    }

    /// <summary>The turn finished: everything it wrote is committed in one transaction.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => EndAsync(turnFailed: false, cancellationToken);

    /// <summary>The turn failed: only the messages it sent are kept; its state changes are dropped.</summary>
    public Task FailAsync(CancellationToken cancellationToken) => EndAsync(turnFailed: true, cancellationToken);

    private async Task EndAsync(bool turnFailed, CancellationToken cancellationToken)
    {
        List<Func<DbTransaction, CancellationToken, Task>> toRun;
        List<Action> actions;
        lock (writes)
        {
            if (closed)
            {
                throw new InvalidOperationException("The turn's writes were already committed.");
            }

            closed = true;
            toRun = [.. writes.Where(write => !turnFailed || write.KeepIfTurnFails).Select(write => write.Write)];
            actions = [.. afterCommit];
            writes.Clear();
            afterCommit.Clear();
        }

        if (toRun.Count > 0)
        {
            await database.InTransactionAsync(
                async (transaction, token) =>
                {
                    foreach (var write in toRun)
                    {
                        await write(transaction, token);
                    }
                },
                cancellationToken);
        }

        foreach (var action in actions)
        {
            action();
        }
    }
}
