using Bot.Dialogs.Engine;
using Bot.Dialogs.Engine.Rendering;
using Bot.Dialogs.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs;

/// <summary>
/// The bot on every channel: it hands each turn to the dialog engine with the person's dialog state, and renders
/// what the dialogs say for the channel the person used. While a technician (or an agent hub, through the Bot Framework
/// handoff protocol) has taken a conversation over, it is quiet.
/// </summary>
public sealed class DeskBot(ConversationState conversationState, DialogEngine engine, AgentHubHandoff agentHub) : ActivityHandler
{
    private readonly IStatePropertyAccessor<DialogState> dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(
        IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(member => member.Id != turnContext.Activity.Recipient?.Id))
        {
            await GreetAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>Says hello and what the desk can do; for channels that decide themselves when someone has arrived.</summary>
    public async Task GreetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dc = await ContextAsync(turnContext, cancellationToken);

        // Nobody has written yet: the language the person's page or app is in is the best guess.
        dc.State.Language ??= Languages.FromLocale(turnContext.Activity.Locale);
        await DialogEngine.GreetAsync(dc);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // A technician took the conversation over: they answer, and the message is already on the ticket.
        if (Conversation(turnContext).HumanAgent is not null)
        {
            return;
        }

        await engine.OnMessageAsync(await ContextAsync(turnContext, cancellationToken));
    }

    /// <summary>An agent hub behind the channel says whether it took the conversation (Bot Framework handoff protocol).</summary>
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name == HandoffEventNames.HandoffStatus
            && await agentHub.OnStatusAsync(turnContext, Conversation(turnContext).Id, cancellationToken))
        {
            var dc = await ContextAsync(turnContext, cancellationToken);
            await dc.SendAsync(dc.Say.BackToBot);
        }
    }

    private static TranscriptMiddleware.StoredConversation Conversation(ITurnContext turnContext) =>
        turnContext.TurnState.Get<TranscriptMiddleware.StoredConversation>()
            ?? throw new InvalidOperationException("The transcript middleware must run before the bot.");

    private async Task<DialogContext> ContextAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var state = await dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        var activity = turnContext.Activity;
        var conversation = Conversation(turnContext);
        return new DialogContext(
            state,
            new Requester(activity.ChannelId, ActivityAddress.Of(activity), conversation.Id),
            activity.Text ?? string.Empty,
            activity.Attachments?.Count ?? 0,
            new TurnOutput(turnContext, state, conversation.Id, agentHub, cancellationToken),
            cancellationToken);
    }

    /// <summary>The turn's replies, rendered for its channel in the person's language.</summary>
    private sealed class TurnOutput(ITurnContext turnContext, DialogState state, long conversationId, AgentHubHandoff agentHub, CancellationToken cancellationToken)
        : IConversationOutput
    {
        private readonly ReplyRenderer renderer = ReplyRenderer.ForChannel(turnContext.Activity.ChannelId);

        public Task SendAsync(Reply reply) =>
            turnContext.SendActivitiesAsync([.. renderer.Render(reply, Texts.For(state.Language))], cancellationToken);

        public Task TypingAsync() =>
            ReplyRenderer.ShowsTyping(turnContext.Activity.ChannelId)
                ? turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken)
                : Task.CompletedTask;

        public Task HandoffAsync(HandoffRequest request) => agentHub.InitiateAsync(turnContext, conversationId, request, cancellationToken);
    }
}
