using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// Runs the bot on texts the webhook stored and acknowledged: one at a time per conversation, in the order they
/// arrived, several conversations at once. At start it picks up whatever was stored but not handled before a stop.
/// </summary>
public sealed partial class SmsInboxProcessor(
    MessageStore messages,
    TwilioAdapter adapter,
    IBot bot,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<SmsInboxProcessor> logger) : BackgroundService
{
    private const int Batch = 200;
    private const int Parallel = 8;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private readonly Outbox.OutboxSignal signal = new();

    /// <summary>Says a text was stored; processing starts soon after.</summary>
    public void Notify() => signal.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().FullName);
            }

            await signal.WaitAsync(Idle, stoppingToken);
        }
    }

    private async Task ProcessPendingAsync(CancellationToken cancellationToken)
    {
        while (await messages.PendingInboundAsync(TwilioAdapter.Channel, Batch, cancellationToken) is { Count: > 0 } pending)
        {
            await System.Threading.Tasks.Parallel.ForEachAsync(
                pending.GroupBy(message => message.ConversationId),
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
                async (conversation, token) =>
                {
                    foreach (var message in conversation)
                    {
                        // A finished turn marked its text handled with its other writes. One that failed was answered
                        // with an apology; it is marked here so that it is not replayed for ever.
                        if (!await adapter.ProcessAsync(message, bot, token))
                        {
                            await messages.MarkProcessedAsync(message.MessageId, time.GetUtcNow(), token);
                        }
                    }
                });
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The SMS inbox failed with {ExceptionType}; it retries shortly")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}
