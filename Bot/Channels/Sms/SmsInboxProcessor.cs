using System.Collections.Concurrent;
using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// Runs the bot on texts the webhook stored and acknowledged: one at a time per conversation, in the order they
/// arrived, several conversations at once. A conversation's turn starts as soon as a place is free, without waiting for
/// other conversations' turns to finish; its next text waits for its own turn to commit. At start it picks up whatever
/// was stored but not handled before a stop.
/// </summary>
public sealed partial class SmsInboxProcessor(
    MessageStore messages,
    TwilioAdapter adapter,
    IBot bot,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<SmsInboxProcessor> logger) : BackgroundService
{
    private const int Parallel = 8;

    /// <summary>Texts read at a time: the places that free up next start from these without reading again.</summary>
    private const int Read = 2 * Parallel;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private readonly Outbox.OutboxSignal signal = new();

    // The conversations whose texts are being answered, each with the task answering them. A conversation leaves only
    // once its turns have committed (its texts marked handled), so a poll never hands the same text out twice.
    private readonly ConcurrentDictionary<long, Task> running = new();

    // Texts read but not started yet, oldest first; only the loop uses it. None belongs to a running conversation: a
    // read leaves those out, and a conversation starts with all of its texts here. Read again once it is used up.
    private List<PendingInbound> ready = [];

    /// <summary>Says a text was stored; processing starts soon after.</summary>
    public void Notify() => signal.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StartPendingAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex.GetType().FullName);
                }

                await signal.WaitAsync(Idle, stoppingToken);
            }
        }
        finally
        {
            // Turns under way see the stop through their token; they are not left running past the service.
            await Task.WhenAll(running.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts a turn for each waiting conversation not already being answered, while places are free.</summary>
    private async Task StartPendingAsync(CancellationToken cancellationToken)
    {
        var read = false;
        while (running.Count < Parallel)
        {
            if (ready.Count == 0)
            {
                if (read)
                {
                    return; // nothing else is waiting
                }

                // Taken before the read, and left out of it: a conversation being answered then may commit and leave
                // during the read, and the text it answered would then be read as waiting. Its next text is read later.
                var busy = running.Keys.ToHashSet();
                ready = [.. await messages.PendingInboundAsync(TwilioAdapter.Channel, busy, Read, cancellationToken)];
                read = true;
            }

            StartReady(cancellationToken);
        }
    }

    /// <summary>Starts conversations from <see cref="ready"/>, oldest first, while places are free.</summary>
    private void StartReady(CancellationToken cancellationToken)
    {
        var taken = new HashSet<long>();
        foreach (var conversation in ready.GroupBy(message => message.ConversationId))
        {
            if (running.Count >= Parallel)
            {
                break; // a turn that finishes wakes the loop
            }

            taken.Add(conversation.Key);
            if (running.ContainsKey(conversation.Key))
            {
                continue; // not expected (see ready); its texts are read again once its turn is over
            }

            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            running[conversation.Key] = AnswerAsync(conversation.Key, [.. conversation], registered.Task, cancellationToken);
            registered.SetResult();
        }

        ready.RemoveAll(message => taken.Contains(message.ConversationId));
    }

    private async Task AnswerAsync(long conversationId, IReadOnlyList<PendingInbound> texts, Task registered, CancellationToken cancellationToken)
    {
        // Begins once the task is in the table, so that the table never keeps a task that has already finished.
        await registered;
        var answered = false;
        try
        {
            foreach (var message in texts)
            {
                // A finished turn marked its text handled with its other writes. One that failed was answered
                // with an apology; it is marked here so that it is not replayed for ever.
                if (!await adapter.ProcessAsync(message, bot, cancellationToken))
                {
                    await messages.MarkProcessedAsync(message.MessageId, time.GetUtcNow(), cancellationToken);
                }
            }

            answered = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The text stays waiting; the next poll (the next text, or the idle wait) tries it again.
            LogFailed(logger, ex.GetType().FullName);
        }
        finally
        {
            running.TryRemove(conversationId, out _);
            if (answered)
            {
                signal.Notify(); // a place is free, and this conversation may have another text waiting
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The SMS inbox failed with {ExceptionType}; it retries shortly")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}
