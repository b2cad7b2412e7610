using Bot.Data;
using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Bot.Dialogs.Engine;

/// <summary>
/// The inbox and the transcript: records the conversation, stores every message in and out, ends the turn of a
/// redelivered message whose first delivery was already handled, and commits the turn's writes
/// (<see cref="TurnWrites"/>) in one transaction when the turn ends. A channel that stores its messages before the
/// turn (SMS) says so with <see cref="StoredInbound"/> in the turn state.
/// </summary>
public sealed partial class TranscriptMiddleware(
    Database database,
    TimeProvider time,
    ILogger<TranscriptMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var channel = activity.ChannelId;
        var stored = turnContext.TurnState.Get<StoredInbound>() ?? await RecordAsync(activity, cancellationToken);
        if (stored is null)
        {
            return;
        }

        turnContext.TurnState.Set(new StoredConversation(stored.ConversationId, stored.HumanAgent));
        var turn = TurnWrites.Begin(database);
        turnContext.OnSendActivities(async (context, activities, sendNext) =>
        {
            var responses = await sendNext();
            foreach (var sent in activities.Where(a => a.Type == ActivityTypes.Message))
            {
                var message = new OutboundMessage(stored.ConversationId, AuthorKind.Bot, channel, sent.Text, time.GetUtcNow());
                await turn.AddAsync((transaction, token) => MessageStore.RecordOutboundAsync(message, transaction, token), keepIfTurnFails: true, cancellationToken);
            }

            return responses;
        });

        try
        {
            await next(cancellationToken);
        }
        catch (Exception turnError)
        {
            try
            {
                await turn.FailAsync(cancellationToken);
            }
            catch (Exception keepError) when (keepError is not OperationCanceledException)
            {
                // The turn's own failure is the one to report; this one only means its messages were not logged.
                LogNotKept(logger, channel, keepError.GetType().FullName, turnError.GetType().FullName);
            }

            throw;
        }

        if (stored.MessageId is { } messageId)
        {
            var at = time.GetUtcNow();
            await turn.AddAsync((transaction, token) => MessageStore.MarkProcessedAsync(messageId, at, transaction, token), keepIfTurnFails: false, cancellationToken);
        }

        await turn.CommitAsync(cancellationToken);
    }

    /// <summary>Stores the conversation and the inbound message, together; null when the message was already handled.</summary>
    private async Task<StoredInbound?> RecordAsync(Activity activity, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var conversation = new ConversationActivity(
            activity.ChannelId,
            activity.Conversation.Id,
            ActivityAddress.Of(activity),
            JsonConvert.SerializeObject(activity.GetConversationReference()),
            at);
        var (entered, inbound) = await database.InTransactionAsync(
            async (transaction, token) =>
            {
                var entered = await ConversationStore.EnterAsync(conversation, transaction, token);
                return (entered, activity.Type == ActivityTypes.Message
                    ? await MessageStore.RecordInboundAsync(new InboundMessage(entered.Id, activity.ChannelId, activity.Text, at, activity.Id), transaction, token)
                    : null);
            },
            cancellationToken);
        if (inbound is { AlreadyProcessed: true })
        {
            LogRedelivery(logger, activity.ChannelId, inbound.MessageId);
            return null;
        }

        return new StoredInbound(entered.Id, inbound?.MessageId, entered.HumanAgent);
    }

    /// <summary>
    /// The conversation's row id, for the turn's other parts (tickets link to it), and the technician who has taken it
    /// over, if any.
    /// </summary>
    public sealed record StoredConversation(long Id, string? HumanAgent);

    /// <summary>The conversation and the inbound message (if the turn has one) as already stored.</summary>
    public sealed record StoredInbound(long ConversationId, long? MessageId, string? HumanAgent);

    [LoggerMessage(Level = LogLevel.Error, Message = "A failed turn on {Channel} ({TurnError}) could not keep what it said: {ExceptionType}")]
    private static partial void LogNotKept(ILogger logger, string channel, string? exceptionType, string? turnError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a redelivery of message {MessageId} on {Channel}: it was already handled")]
    private static partial void LogRedelivery(ILogger logger, string channel, long messageId);
}
