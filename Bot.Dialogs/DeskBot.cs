using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs;

/// <summary>
/// The bot on every channel. For now it greets once per conversation and acknowledges each message; the dialogs
/// (triage, troubleshooting, tickets) take over the message handling next.
/// </summary>
public sealed class DeskBot(ConversationState conversationState) : ActivityHandler
{
    public const string Greeting =
        "Hi! I'm the district's device help desk. Tell me what's going on with your laptop or hotspot.";

    private readonly IStatePropertyAccessor<ConversationData> data =
        conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

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
            await GreetOnceAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        await GreetOnceAsync(turnContext, cancellationToken);
        var conversation = await data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        conversation.MessagesReceived++;
        await turnContext.SendActivityAsync(
            MessageFactory.Text($"Thanks, I got your message: \u201c{turnContext.Activity.Text}\u201d."), cancellationToken);
    }

    private async Task GreetOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var conversation = await data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        if (!conversation.Greeted)
        {
            conversation.Greeted = true;
            await turnContext.SendActivityAsync(MessageFactory.Text(Greeting), cancellationToken);
        }
    }
}
