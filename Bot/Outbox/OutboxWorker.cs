using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;

namespace Bot.Outbox;

/// <summary>
/// Delivers outbox messages: for each address its oldest message first, so people get replies in order; a failure
/// is retried later with growing, jittered delays; after the last attempt the message is dead-lettered and a system
/// note on the conversation (and so on its ticket) says it was not delivered. An outage delays replies, never drops them.
/// </summary>
public sealed partial class OutboxWorker(
    IEnumerable<IOutboxSender> senders,
    OutboxStore outbox,
    OptOutStore optOuts,
    MessageStore messages,
    OutboxSignal signal,
    RetryPolicy retries,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private const int Batch = 50;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = senders.Where(sender => sender.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return;
        }

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

    /// <summary>Sends what is due; true when anything was attempted.</summary>
    public async Task<bool> DeliverDueAsync(IOutboxSender sender, CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(sender.Channel, time.GetUtcNow(), Batch, cancellationToken);
        foreach (var message in due)
        {
            await DeliverAsync(sender, message, cancellationToken);
        }

        return due.Count > 0;
    }

    private async Task DeliverAsync(IOutboxSender sender, PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        if (await optOuts.IsOptedOutAsync(message.Channel, message.Address, cancellationToken))
        {
            await outbox.MarkDeadAsync(message.Id, "opted out", time.GetUtcNow(), cancellationToken);
            return;
        }

        try
        {
            await sender.PaceAsync(message.Sender, message.Body, cancellationToken);
            var externalId = await sender.SendAsync(message.Sender, message.Address, message.Body, cancellationToken);
            await outbox.MarkSentAsync(message.Id, externalId, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = retries.Describe(ex);
            var attempt = message.Attempts + 1;
            if (attempt >= retries.MaxAttempts)
            {
                await outbox.MarkDeadAsync(message.Id, error, time.GetUtcNow(), cancellationToken);
                if (message.ConversationId is { } conversation)
                {
                    await messages.RecordOutboundAsync(
                        new OutboundMessage(conversation, AuthorKind.System, message.Channel, $"Not delivered after {attempt} attempts: {error}", time.GetUtcNow()),
                        cancellationToken);
                }

                LogDeadLettered(logger, message.Id, attempt);
                return;
            }

            await outbox.RetryLaterAsync(message.Id, time.GetUtcNow() + retries.Delay(attempt), error, cancellationToken);
            LogRetry(logger, message.Id, attempt);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempt}); retrying later")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery worker failed with {ExceptionType}; it goes on")]
    private static partial void LogWorkerFailed(ILogger logger, string? exceptionType);
}
