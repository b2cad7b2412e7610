using System.Data.Common;
using Bot.Channels.Sms;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Data.Outbox;
using Bot.Data.Tickets;
using Bot.Data.WebChat;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;
using Bot.Knowledge;
using Bot.Outbox;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Bot.Handoff;

/// <summary>
/// A technician in the person's own conversation: take it over (the bot goes quiet and the person is told who is
/// helping), reply, hand it back to the bot, or resolve the ticket (the person is told). Each step's state change and
/// the message it sends commit together: an SMS or a Teams message goes out through the outbox, so an outage delays it
/// and loses nothing; a web chat message is appended to the conversation our Direct Line serves.
/// </summary>
public sealed class HandoffService(
    Database database,
    ConversationStore conversations,
    OptOutStore optOuts,
    TicketActions actions,
    OutboxSignal outboxSignal,
    DirectLineStore directLine,
    DirectLineSignal directLineSignal,
    IOptions<TwilioOptions> twilio,
    HelpLinks helpLinks,
    TimeProvider time)
{
    public Task TakeOverAsync(Ticket ticket, Account technician, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
        {
            await ConversationStore.SetHumanAgentAsync(route.Id, technician.Email, transaction, token);
            await TicketActions.AssignIfUnassignedAsync(ticket.Id, technician.Email, transaction, token);
            await TicketActions.RecordFirstResponseAsync(ticket.Id, time.GetUtcNow(), transaction, token);
            return Texts.For(ticket.Language).TechnicianJoined(FirstName(technician), ticket.Number);
        }, AuthorKind.System, cancellationToken);

    /// <summary>The technician's own words, signed with their first name, in the person's channel.</summary>
    public Task ReplyAsync(Ticket ticket, Account technician, string text, CancellationToken cancellationToken) =>
        ReplyAsync(ticket, technician, text, article: null, cancellationToken);

    /// <summary>
    /// The technician's words and, when there is one, an article shared with them (its title stands in for words the
    /// technician left out).
    /// </summary>
    public Task ReplyAsync(Ticket ticket, Account technician, string text, Article? article, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (_, transaction, token) =>
        {
            await TicketActions.RecordFirstResponseAsync(ticket.Id, time.GetUtcNow(), transaction, token);
            var words = string.IsNullOrWhiteSpace(text) && article is not null ? article.Title : text.Trim();
            return $"{FirstName(technician)}: {words}";
        }, AuthorKind.Technician, cancellationToken, article is null ? null : new ArticleShare(article, helpLinks.ArticleUrl(article)));

    public Task HandBackAsync(Ticket ticket, Account technician, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
        {
            await ConversationStore.SetHumanAgentAsync(route.Id, null, transaction, token);
            return Texts.For(ticket.Language).BackToBot;
        }, AuthorKind.System, cancellationToken);

    /// <summary>Resolves the ticket, gives the conversation back to the bot, and tells the person what was done.</summary>
    public Task ResolveAsync(Ticket ticket, Account technician, string resolution, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
        {
            await actions.ResolveAsync(ticket.Id, resolution.Trim(), technician.Email, transaction, token);
            await ConversationStore.SetHumanAgentAsync(route.Id, null, transaction, token);
            return Texts.For(ticket.Language).TicketResolved(ticket.Number, resolution.Trim());
        }, AuthorKind.System, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> and sends the message it returns, in one transaction: the message is logged on
    /// the ticket and queued for its channel, or nothing happens.
    /// </summary>
    private async Task ChangeAsync(
        Ticket ticket,
        Func<ConversationRoute, DbTransaction, CancellationToken, Task<string>> change,
        AuthorKind author,
        CancellationToken cancellationToken,
        ArticleShare? share = null)
    {
        var route = await conversations.RouteAsync(ticket.ConversationId, cancellationToken)
            ?? throw new HandoffException($"Ticket {ticket.Number} has no conversation to write to.");
        var delivery = route.Channel switch
        {
            TwilioAdapter.Channel when twilio.Value.Enabled => Delivery.Sms,
            TeamsSender.ChannelId => Delivery.Teams,
            DirectLineAdapter.Channel => Delivery.WebChat,
            _ => throw new HandoffException($"Writing to people on the {route.Channel} channel from the console is not available yet; reach them another way."),
        };
        if (delivery == Delivery.WebChat && !await directLine.ExistsAsync(route.ChannelConversationId, cancellationToken))
        {
            throw new HandoffException("This web chat goes through Azure Bot Service, where the console cannot write yet; reach them another way.");
        }

        var address = route.Address ?? ticket.RequesterAddress;
        if (delivery == Delivery.Sms && await optOuts.IsOptedOutAsync(route.Channel, address, cancellationToken))
        {
            throw new HandoffException($"{address} has opted out of texts (STOP); the desk cannot text it until they text START.");
        }

        await database.InTransactionAsync(
            async (transaction, token) =>
            {
                var text = await change(route, transaction, token);
                var at = time.GetUtcNow();
                var sent = share is null ? text : delivery == Delivery.Sms ? share.SmsText(text) : share.CardTranscript(text);
                await MessageStore.RecordOutboundAsync(new OutboundMessage(route.Id, author, route.Channel, sent, at, ticket.Id), transaction, token);
                switch (delivery)
                {
                    case Delivery.Sms:
                        foreach (var part in SmsSegments.Split(sent))
                        {
                            await OutboxStore.EnqueueAsync(new NewOutboxMessage(route.Channel, address, twilio.Value.PhoneNumber!, part, route.Id), at, transaction, token);
                        }

                        break;
                    case Delivery.Teams:
                        var message = TeamsSender.Body(ArticleShare.WithCard(share, MessageFactory.Text(text)));
                        await OutboxStore.EnqueueAsync(new NewOutboxMessage(route.Channel, route.ChannelConversationId, TeamsSender.Sender, message, route.Id), at, transaction, token);
                        break;
                    default:
                        // Web chat reads its conversation from our own Direct Line: the message is there once this commits.
                        var activity = ArticleShare.WithCard(share, DirectLineAdapter.DeskMessage(route.ChannelConversationId, text));
                        await DirectLineStore.AppendAsync(route.ChannelConversationId, sequence => DirectLineAdapter.Render(activity, sequence, at), at, transaction, token);
                        break;
                }

                return true;
            },
            cancellationToken);
        if (delivery != Delivery.WebChat)
        {
            outboxSignal.Notify();
        }
        else
        {
            // The page's open stream pushes the message now rather than at its next look at the store.
            directLineSignal.Notify(route.ChannelConversationId);
        }
    }

    private static string FirstName(Account technician) => technician.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : technician.DisplayName;
}

/// <summary>How a message from the console reaches the person: the outbox for SMS and Teams, our Direct Line for web chat.</summary>
internal enum Delivery
{
    Sms,
    Teams,
    WebChat,
}

/// <summary>A handoff step that cannot be done (the person opted out, the channel cannot be written to yet).</summary>
public sealed class HandoffException(string message) : InvalidOperationException(message);
