using Bot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace Bot.Channels.Teams;

/// <summary>
/// The bot as Teams sees it: staff get the same dialogs as everyone (recognised first, @mentions removed), a
/// personal install says hello, and the Claim button on escalation cards is answered here. Every other channel's
/// turn goes straight to <see cref="DeskBot"/>.
/// </summary>
public sealed class TeamsDeskBot(DeskBot desk, TeamsStaffDirectory staff, TeamsTicketClaims claims) : TeamsActivityHandler
{
    public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        turnContext.Activity.ChannelId == TeamsSender.ChannelId
            ? base.OnTurnAsync(turnContext, cancellationToken)
            : desk.OnTurnAsync(turnContext, cancellationToken);

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // In a channel or group chat people @mention the bot; what they ask is the rest of the message.
        turnContext.Activity.RemoveRecipientMention();
        await staff.RecogniseAsync(turnContext, cancellationToken);
        await desk.OnTurnAsync(turnContext, cancellationToken);
    }

    /// <summary>
    /// Installed for one person, the bot arrives in their personal chat and says hello. In a team it says nothing,
    /// rather than greeting every member who joins.
    /// </summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType == "personal" && turnContext.Activity.MembersAdded?.Count > 0)
        {
            await staff.RecogniseAsync(turnContext, cancellationToken);
            await desk.GreetAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>Events, among them the handoff protocol's status, are the desk's, as on every channel.</summary>
    protected override Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken) =>
        desk.OnTurnAsync(turnContext, cancellationToken);

    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        claims.ClaimAsync(turnContext, invokeValue, cancellationToken);
}
