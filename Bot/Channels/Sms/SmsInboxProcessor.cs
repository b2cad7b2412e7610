using System.Collections.Concurrent;
using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// Runs the bot on texts the webhook stored and acknowledged: one at a time per conversation, in the order they
/// arrived, several conversations at once. A turn holds one of a few places while the bot works on it and gives it back
/// as soon as the bot has answered, so the next conversation starts while the turn waits for its writes to commit:
/// the places bound the turns using the CPU, and the turns waiting for the disk share a commit. A conversation's next
/// text waits for its own turn to commit. At start it picks up whatever was stored but not handled before a stop.
/// </summary>
public sealed partial class SmsInboxProcessor(
    MessageStore messages,
    TwilioAdapter adapter,
    IBot bot,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<SmsInboxProcessor> logger) : BackgroundService
{
    /// <summary>Turns the bot works on at once.</summary>
    private const int Parallel = 8;

    /// <summary>Conversations being answered at once, most of them waiting for their turn's commit; bounds what a burst holds in memory.</summary>
    private const int MaxAnswering = 64;

    /// <summary>Texts read at a time: the places that free up next start from these without reading again.</summary>
    private const int Read = 2 * Parallel;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private readonly Outbox.OutboxSignal signal = new();
    private readonly SemaphoreSlim places = new(Parallel, Parallel);

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
        while (HasRoom)
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

    /// <summary>Whether another conversation may start now: a place is free, and fewer than the cap are being answered.</summary>
    private bool HasRoom => places.CurrentCount > 0 && running.Count < MaxAnswering;

    /// <summary>Starts conversations from <see cref="ready"/>, oldest first, while places are free.</summary>
    private void StartReady(CancellationToken cancellationToken)
    {
        var taken = new HashSet<long>();
        foreach (var conversation in ready.GroupBy(message => message.ConversationId))
        {
            if (running.Count >= MaxAnswering || !places.Wait(0, cancellationToken))
            {
                break; // a turn that gives back its place, or finishes, wakes the loop
            }

            var place = new Place(this);
            taken.Add(conversation.Key);
            if (running.ContainsKey(conversation.Key))
            {
                place.GiveBack();
                continue; // not expected (see ready); its texts are read again once its turn is over
            }

            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            running[conversation.Key] = AnswerAsync(conversation.Key, [.. conversation], place, registered.Task, cancellationToken);
            registered.SetResult();
        }

        ready.RemoveAll(message => taken.Contains(message.ConversationId));
    }

    /// <summary>Answers a conversation's texts in order; the first turn has its place already, the others wait for one.</summary>
    private async Task AnswerAsync(long conversationId, IReadOnlyList<PendingInbound> texts, Place first, Task registered, CancellationToken cancellationToken)
    {
        // Begins once the task is in the table, so that the table never keeps a task that has already finished.
        await registered;
        var answered = false;
        var place = first;
        try
        {
            foreach (var message in texts)
            {
                place ??= await TakePlaceAsync(cancellationToken);
                try
                {
                    // A finished turn marked its text handled with its other writes. One that failed was answered
                    // with an apology; it is marked here so that it is not replayed for ever.
                    if (!await adapter.ProcessAsync(message, new GivesBackItsPlace(bot, place), cancellationToken))
                    {
                        await messages.MarkProcessedAsync(message.MessageId, time.GetUtcNow(), cancellationToken);
                    }
                }
                finally
                {
                    place.GiveBack();
                    place = null;
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
            place?.GiveBack();
            running.TryRemove(conversationId, out _);
            if (answered)
            {
                signal.Notify(); // a place is free, and this conversation may have another text waiting
            }
        }
    }

    private async Task<Place> TakePlaceAsync(CancellationToken cancellationToken)
    {
        await places.WaitAsync(cancellationToken);
        return new Place(this);
    }

    /// <summary>A place held by one turn, given back once: when the bot has answered, or when the turn ends.</summary>
    private sealed class Place(SmsInboxProcessor inbox)
    {
        private int givenBack;

        public void GiveBack()
        {
            if (Interlocked.Exchange(ref givenBack, 1) == 0)
            {
                inbox.places.Release();
                inbox.signal.Notify(); // another conversation may start
            }
        }
    }

    /// <summary>The bot, giving the turn's place back as soon as it has answered, before the turn's writes commit.</summary>
    private sealed class GivesBackItsPlace(IBot bot, Place place) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            try
            {
                await bot.OnTurnAsync(turnContext, cancellationToken);
            }
            finally
            {
                place.GiveBack();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The SMS inbox failed with {ExceptionType}; it retries shortly")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}
