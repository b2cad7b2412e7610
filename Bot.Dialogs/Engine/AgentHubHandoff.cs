using Bot.Data;
using Bot.Data.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Bot.Dialogs.Engine;

/// <summary>
/// The Bot Framework handoff protocol, for a district whose channel routes to an agent hub of its own: when a ticket
/// is opened the bot emits <c>handoff.initiate</c> with the conversation's transcript, and it honours
/// <c>handoff.status</c> — <c>accepted</c> silences the bot while the hub's agent talks, <c>completed</c> brings it back,
/// <c>failed</c> leaves the ticket to the desk's technicians. Each status is noted on the conversation, and so its ticket.
/// Only turns served by the Bot Connector service carry the event anywhere; SMS and the desk's own web chat do not.
/// </summary>
public sealed partial class AgentHubHandoff(MessageStore messages, TimeProvider time, ILogger<AgentHubHandoff> logger)
{
    /// <summary>Who has the conversation while an agent hub's agent does.</summary>
    public const string AgentHub = "agent hub";

    // The protocol's states (the SDK names its events but not these).
    private const string Accepted = "accepted";
    private const string Completed = "completed";
    private const string Failed = "failed";

    public async Task InitiateAsync(ITurnContext turnContext, long conversationId, HandoffRequest request, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<IConnectorClient>() is null)
        {
            return;
        }

        var stored = await messages.TranscriptAsync(conversationId, cancellationToken);
        var transcript = new Transcript([.. stored.Select(message => Transcribe(turnContext.Activity, message))]);
        var context = new JObject
        {
            ["ticket"] = request.Ticket,
            ["category"] = request.Category,
            ["topic"] = request.Topic,
            ["summary"] = request.Summary,
            ["language"] = request.Language,
        };
        await turnContext.SendActivityAsync(EventFactory.CreateHandoffInitiation(turnContext, context, transcript), cancellationToken);
    }

    /// <summary>
    /// Applies a <c>handoff.status</c> event to the conversation; true when the bot takes the conversation back and
    /// should tell the person so.
    /// </summary>
    public async Task<bool> OnStatusAsync(ITurnContext turnContext, long conversationId, CancellationToken cancellationToken)
    {
        var state = (turnContext.Activity.Value as JObject)?["state"]?.Value<string>();
        if (Outcome(state) is not var (agent, note))
        {
            LogUnknownState(logger, turnContext.Activity.ChannelId);
            return false;
        }

        var at = time.GetUtcNow();
        var channel = turnContext.Activity.ChannelId;
        var turn = TurnWrites.Current ?? throw new InvalidOperationException("The transcript middleware must run before the bot.");
        await turn.AddAsync(
            async (transaction, token) =>
            {
                await ConversationStore.SetHumanAgentAsync(conversationId, agent, transaction, token);
                await MessageStore.RecordOutboundAsync(new OutboundMessage(conversationId, AuthorKind.System, channel, note, at), transaction, token);
            },
            keepIfTurnFails: false,
            cancellationToken);
        return state == Completed;
    }

    /// <summary>Who has the conversation after a status, and the note that says so; null for a state the protocol lacks.</summary>
    private static (string? Agent, string Note)? Outcome(string? state) => state switch
    {
        Accepted => (AgentHub, "The district's agent hub took the conversation over."),
        Completed => (null, "The district's agent hub handed the conversation back to the bot."),
        Failed => (null, "The district's agent hub could not take the conversation; the ticket stays with the desk."),
        _ => null,
    };

    private static Activity Transcribe(Activity turn, StoredMessage message)
    {
        var fromPerson = message.Direction == "in";
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.Text = message.Text;
        activity.Timestamp = message.At;
        activity.ChannelId = turn.ChannelId;
        activity.Conversation = turn.Conversation;
        activity.From = fromPerson ? turn.From : new ChannelAccount(turn.Recipient?.Id, message.AuthorKind, RoleTypes.Bot);
        activity.Recipient = fromPerson ? turn.Recipient : turn.From;
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A handoff.status event on {Channel} had no known state; ignored")]
    private static partial void LogUnknownState(ILogger logger, string channel);
}
