using System.Collections.Concurrent;
using System.Data.Common;
using Bot.Data;
using Bot.Data.Conversations;
using Bot.Data.Outbox;

namespace Bot.Outbox;

/// <summary>
/// Delivers outbox messages: for each address its oldest message first, so people get replies in order; a failure
/// is retried later with growing, jittered delays; after the last attempt the message is dead-lettered and a system
/// note on the conversation (and so on its ticket) says it was not delivered. An outage delays replies, never drops them.
/// A batch's outcomes commit while the next batch is sent.
/// </summary>
public sealed partial class OutboxWorker(
    IEnumerable<IOutboxSender> senders,
    Database database,
    OutboxStore outbox,
    OutboxSignal signal,
    RetryPolicy retries,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    /// <summary>Messages attempted at once, each to a different address; their outcomes commit together.</summary>
    private const int Batch = 16;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    // Batches whose outcomes are being committed, by their messages' ids. Until its outcome is committed a message still
    // looks due in the outbox, so reads leave these out, and its address's next message waits until then.
    private readonly ConcurrentDictionary<long, Task> recording = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = senders.Where(sender => sender.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var worked = false;
                try
                {
                    foreach (var sender in enabled)
                    {
                        worked |= await DeliverDueAsync(sender, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWorkerFailed(logger, ex.GetType().FullName);
                }

                if (!worked)
                {
                    await signal.WaitAsync(Idle, stoppingToken);
                }
            }
        }
        finally
        {
            // Outcomes known when the host stops are still committed, so nothing sent is sent again.
            await Task.WhenAll(recording.Values.Distinct()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Sends what is due, several addresses at once, and starts committing every outcome in one transaction; true when
    /// anything was attempted.
    /// </summary>
    private async Task<bool> DeliverDueAsync(IOutboxSender sender, CancellationToken cancellationToken)
    {
        // Taken before the read: a batch committed during the read may still be read as due.
        var busy = recording.Keys.ToHashSet();
        var due = (await outbox.DueAsync(sender.Channel, time.GetUtcNow(), Batch + busy.Count, cancellationToken))
            .Where(message => !busy.Contains(message.Id))
            .Take(Batch)
            .ToList();
        if (due.Count == 0)
        {
            return false;
        }

        var outcomes = new Outcome?[due.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, due.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Batch, CancellationToken = cancellationToken },
                async (i, token) => outcomes[i] = await AttemptAsync(sender, due[i], token));
        }
        finally
        {
            var known = outcomes.OfType<Outcome>().ToList();
            if (known.Count > 0)
            {
                StartRecording(known);
            }
        }

        return true;
    }

    /// <summary>Starts committing a batch's outcomes; until they are committed, reads leave the batch's messages out.</summary>
    private void StartRecording(IReadOnlyList<Outcome> outcomes)
    {
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var record = RecordAsync(outcomes, registered.Task);
        foreach (var outcome in outcomes)
        {
            recording[outcome.Id] = record;
        }

        registered.SetResult();
    }

    private async Task<Outcome> AttemptAsync(IOutboxSender sender, PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.OptedOut)
        {
            return new Dead(message, "opted out", message.Attempts, time.GetUtcNow(), TellTheTicket: false);
        }

        try
        {
            await sender.PaceAsync(message.Sender, message.Body, cancellationToken);
            var externalId = await sender.SendAsync(message.Sender, message.Address, message.Body, cancellationToken);
            return new Sent(message.Id, externalId, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = retries.Describe(ex);
            var attempt = message.Attempts + 1;
            return attempt >= retries.MaxAttempts
                ? new Dead(message, error, attempt, time.GetUtcNow(), TellTheTicket: true)
                : new Retry(message.Id, time.GetUtcNow() + retries.Delay(attempt), error, attempt);
        }
    }

    /// <summary>Commits a batch's outcomes; once it has, their messages leave <see cref="recording"/>.</summary>
    private async Task RecordAsync(IReadOnlyList<Outcome> outcomes, Task registered)
    {
        // Begins once the batch is in the table, so that the table never keeps a batch already committed.
        await registered;
        try
        {
            // Not cancellable: a message handed to the provider must be marked sent even while the host stops.
            await database.InTransactionAsync(
                async (transaction, token) =>
                {
                    foreach (var outcome in outcomes)
                    {
                        await outcome.RecordAsync(transaction, token);
                    }
                },
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not committed: the messages are still due, and a later read tries them again.
            LogWorkerFailed(logger, ex.GetType().FullName);
            return;
        }
        finally
        {
            foreach (var outcome in outcomes)
            {
                recording.TryRemove(outcome.Id, out _);
            }

            signal.Notify(); // the addresses' next messages are due
        }

        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case Retry retry:
                    LogRetry(logger, retry.Id, retry.Attempt);
                    break;
                case Dead { TellTheTicket: true } dead:
                    LogDeadLettered(logger, dead.Message.Id, dead.Attempts);
                    break;
            }
        }
    }

    /// <summary>What came of one attempt to send message <paramref name="Id"/>.</summary>
    private abstract record Outcome(long Id)
    {
        public abstract Task RecordAsync(DbTransaction transaction, CancellationToken cancellationToken);
    }

    private sealed record Sent(long Id, string ExternalId, DateTimeOffset At) : Outcome(Id)
    {
        public override Task RecordAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
            OutboxStore.MarkSentAsync(Id, ExternalId, At, transaction, cancellationToken);
    }

    private sealed record Retry(long Id, DateTimeOffset NextAttemptAt, string Error, int Attempt) : Outcome(Id)
    {
        public override Task RecordAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
            OutboxStore.RetryLaterAsync(Id, NextAttemptAt, Error, transaction, cancellationToken);
    }

    /// <summary>Given up on; after failed attempts a system note on the conversation (and so its ticket) says so.</summary>
    private sealed record Dead(PendingOutboxMessage Message, string Error, int Attempts, DateTimeOffset At, bool TellTheTicket) : Outcome(Message.Id)
    {
        public override async Task RecordAsync(DbTransaction transaction, CancellationToken cancellationToken)
        {
            await OutboxStore.MarkDeadAsync(Message.Id, Error, At, transaction, cancellationToken);
            if (TellTheTicket && Message.ConversationId is { } conversation)
            {
                await MessageStore.RecordOutboundAsync(
                    new OutboundMessage(conversation, AuthorKind.System, Message.Channel, $"Not delivered after {Attempts} attempts: {Error}", At),
                    transaction,
                    cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempt}); retrying later")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery worker failed with {ExceptionType}; it goes on")]
    private static partial void LogWorkerFailed(ILogger logger, string? exceptionType);
}
