using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Bot.Dialogs.Engine;

/// <summary>
/// The inbox and the transcript: records the conversation, stores every message in and out, and ends the turn of
/// a redelivered message whose first delivery was already handled.
/// </summary>
public sealed partial class TranscriptMiddleware(
    ConversationStore conversations,
    MessageStore messages,
    TimeProvider time,
    ILogger<TranscriptMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var channel = activity.ChannelId;
        var conversationId = await conversations.TouchAsync(
            new ConversationActivity(
                channel,
                activity.Conversation.Id,
                activity.From?.Id,
                JsonConvert.SerializeObject(activity.GetConversationReference()),
                time.GetUtcNow()),
            cancellationToken);

        turnContext.TurnState.Set(new StoredConversation(conversationId));
        InboundRecord? inbound = null;
        if (activity.Type == ActivityTypes.Message)
        {
            inbound = await messages.RecordInboundAsync(
                new InboundMessage(conversationId, channel, activity.Text, time.GetUtcNow(), activity.Id),
                cancellationToken);
            if (inbound.AlreadyProcessed)
            {
                LogRedelivery(logger, channel, inbound.MessageId);
                return;
            }
        }

        turnContext.OnSendActivities(async (context, activities, sendNext) =>
        {
            var responses = await sendNext();
            foreach (var sent in activities.Where(a => a.Type == ActivityTypes.Message))
            {
                await messages.RecordOutboundAsync(
                    new OutboundMessage(conversationId, AuthorKind.Bot, channel, sent.Text, time.GetUtcNow()),
                    cancellationToken);
            }

            return responses;
        });

        await next(cancellationToken);

        if (inbound is not null)
        {
            await messages.MarkProcessedAsync(inbound.MessageId, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>The conversation's row id, for the turn's other parts (tickets link to it).</summary>
    public sealed record StoredConversation(long Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a redelivery of message {MessageId} on {Channel}: it was already handled")]
    private static partial void LogRedelivery(ILogger logger, string channel, long messageId);
}
