using System.Data.Common;

namespace Bot.Data;

/// <summary>
/// Commits the transactions of many callers together, for an engine that lets one transaction write at a time
/// (SQLite): while one group commits, the next gathers, and it then runs as one transaction with a savepoint per
/// caller. A burst of a hundred webhooks costs a few disk flushes rather than a hundred, and no caller sleeps in the
/// engine's busy handler. A caller whose work throws has only its own work rolled back.
/// The committer has a thread of its own: every write waits for it, so it starts the next group as soon as callers
/// are waiting instead of queueing behind the thread pool's other work (under load that queue, not the disk, was most
/// of a webhook's wait).
/// Work must only run statements on the transaction it is given: it runs on the committer's call path, and calling
/// back into the database's transactions from inside it would wait for itself.
/// </summary>
internal sealed class GroupCommit(Func<CancellationToken, Task<DbConnection>> open) : IDisposable
{
    private const string Savepoint = "caller";

    private readonly object sync = new();
    private List<Pending> queue = [];
    private Thread? committer;
    private bool stopping;

    public async Task<T> RunAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var pending = new Pending(async (transaction, token) => await work(transaction, token), cancellationToken);
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            queue.Add(pending);
            if (committer is null)
            {
                committer = new Thread(CommitQueued) { IsBackground = true, Name = "Group commit" };
                committer.Start();
            }
            else if (queue.Count == 1)
            {
                Monitor.Pulse(sync);
            }
        }

        return (T)(await pending.Result.Task)!;
    }

    private void CommitQueued()
    {
        while (true)
        {
            List<Pending> group;
            lock (sync)
            {
                while (queue.Count == 0 && !stopping)
                {
                    Monitor.Wait(sync);
                }

                if (queue.Count == 0)
                {
                    return;
                }

                group = queue;
                queue = [];
            }

            try
            {
                // Blocks this thread, never a thread-pool one; SQLite's work completes without yielding anyway.
                CommitAsync(group).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                // CommitAsync answers every caller itself; this only keeps an unexpected failure from ending the thread.
                foreach (var caller in group)
                {
                    caller.Fail(ex);
                }
            }
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        var succeeded = new List<(Pending Caller, object? Value)>(group.Count);
        try
        {
            await using var connection = await open(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            foreach (var caller in group)
            {
                if (caller.Cancellation.IsCancellationRequested)
                {
                    caller.Result.TrySetCanceled(caller.Cancellation);
                    continue;
                }

                await transaction.SaveAsync(Savepoint, CancellationToken.None);
                try
                {
                    var value = await caller.Work(transaction, caller.Cancellation);
                    await transaction.ReleaseAsync(Savepoint, CancellationToken.None);
                    succeeded.Add((caller, value));
                }
                catch (Exception ex)
                {
                    await transaction.RollbackAsync(Savepoint, CancellationToken.None);
                    caller.Fail(ex);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            foreach (var caller in group)
            {
                caller.Fail(ex);
            }

            return;
        }

        foreach (var (caller, value) in succeeded)
        {
            caller.Result.TrySetResult(value);
        }
    }

    public void Dispose()
    {
        Thread? running;
        lock (sync)
        {
            stopping = true;
            running = committer;
            Monitor.Pulse(sync);
        }

        running?.Join();
    }

    private sealed class Pending(Func<DbTransaction, CancellationToken, Task<object?>> work, CancellationToken cancellation)
    {
        public Func<DbTransaction, CancellationToken, Task<object?>> Work { get; } = work;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Fail(Exception exception)
        {
            if (exception is OperationCanceledException && Cancellation.IsCancellationRequested)
            {
                Result.TrySetCanceled(Cancellation);
            }
            else
            {
                Result.TrySetException(exception);
            }
        }
    }
}
