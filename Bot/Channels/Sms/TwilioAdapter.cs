using Bot.Channels.BotConnector;
using Bot.Data;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Dialogs;
using Bot.Dialogs.Engine;
using Bot.Outbox;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// The SMS adapter: replays a stored inbound text as a Bot Framework turn, and turns the bot's replies into outbox
/// rows (split to at most two segments each) that the delivery worker sends through Twilio. Nothing is ever written
/// for an opted-out number.
/// </summary>
public sealed partial class TwilioAdapter : BotAdapter
{
    public const string Channel = "sms";

    private readonly OutboxStore outbox;
    private readonly OptOutStore optOuts;
    private readonly OutboxSignal signal;
    private readonly IOptions<TwilioOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<TwilioAdapter> logger;

    public TwilioAdapter(OutboxStore outbox, OptOutStore optOuts, OutboxSignal signal, IOptions<TwilioOptions> options, TimeProvider time, IServiceProvider services, ILogger<TwilioAdapter> logger)
    {
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.signal = signal;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.UseDeskMiddleware(services);
        var apologise = TurnErrors.Handler(logger);
        OnTurnError = (context, exception) =>
        {
            context.TurnState.Set(new TurnFailed());
            return apologise(context, exception);
        };
    }

    /// <summary>
    /// Runs the bot on a stored inbound text. True when the turn finished (and marked the text handled with its
    /// other writes); false when it failed and was answered with an apology.
    /// </summary>
    public async Task<bool> ProcessAsync(PendingInbound message, IBot bot, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = message.ExternalId,
            ChannelId = Channel,
            ServiceUrl = Channel,
            From = new ChannelAccount(message.Address, role: RoleTypes.User),
            Recipient = new ChannelAccount(options.Value.PhoneNumber, role: RoleTypes.Bot),
            Conversation = new ConversationAccount(id: message.ChannelConversationId),
            Text = message.Text ?? string.Empty,
            Timestamp = time.GetUtcNow(),
            Locale = "en-US",
            // The photos are fetched and kept apart; the dialogs only need to know that some came.
            Attachments = [.. Enumerable.Range(1, message.Files).Select(n => new Attachment { ContentType = "image/*", Name = $"photo {n}" })],
        };
        using var context = new TurnContext(this, activity);
        context.TurnState.Set(new TranscriptMiddleware.StoredInbound(message.ConversationId, message.MessageId, message.HumanAgent));
        if (message.Address is { } sender)
        {
            context.TurnState[OptedOutKey(sender)] = message.SenderOptedOut;
        }

        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
        return context.TurnState.Get<TurnFailed>() is null;
    }

    /// <summary>
    /// Queues the replies in the outbox. Inside a turn the rows join the turn's writes, so they commit with the
    /// state change that caused them and the delivery worker is woken once they have.
    /// </summary>
    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var turn = TurnWrites.Current;
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message && !string.IsNullOrEmpty(a.Text)))
        {
            var to = activity.Recipient?.Id ?? turnContext.Activity.From.Id;
            if (await IsOptedOutAsync(turnContext, to, cancellationToken))
            {
                LogOptedOut(logger);
                continue;
            }

            var conversation = turnContext.TurnState.Get<TranscriptMiddleware.StoredConversation>()?.Id;
            var at = time.GetUtcNow();
            var parts = SmsSegments.Split(activity.Text)
                .Select(part => new NewOutboxMessage(Channel, to, options.Value.PhoneNumber!, part, conversation))
                .ToList();
            if (turn is null)
            {
                foreach (var part in parts)
                {
                    await outbox.EnqueueAsync(part, at, cancellationToken);
                }
            }
            else
            {
                await turn.AddAsync(
                    async (transaction, token) =>
                    {
                        foreach (var part in parts)
                        {
                            await OutboxStore.EnqueueAsync(part, at, transaction, token);
                        }
                    },
                    keepIfTurnFails: true,
                    cancellationToken);
            }

            responses.AddRange(parts.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N"))));
        }

        if (turn is null)
        {
            signal.Notify();
        }
        else
        {
            turn.AfterCommit(signal.Notify);
        }

        return [.. responses];
    }

    /// <summary>
    /// Whether <paramref name="address"/> opted out, known once per turn: a turn often sends several replies, and the
    /// sender's is read with the text the turn answers.
    /// </summary>
    private async Task<bool> IsOptedOutAsync(ITurnContext turnContext, string address, CancellationToken cancellationToken)
    {
        var key = OptedOutKey(address);
        if (turnContext.TurnState.TryGetValue(key, out var known) && known is bool optedOut)
        {
            return optedOut;
        }

        optedOut = await optOuts.IsOptedOutAsync(Channel, address, cancellationToken);
        turnContext.TurnState[key] = optedOut;
        return optedOut;
    }

    private static string OptedOutKey(string address) => $"{nameof(TwilioAdapter)}.OptedOut:{address}";

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A text message cannot be changed once sent.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A text message cannot be deleted once sent.");

    private sealed record TurnFailed;

    [LoggerMessage(Level = LogLevel.Information, Message = "Did not write to an opted-out SMS address")]
    private static partial void LogOptedOut(ILogger logger);
}
