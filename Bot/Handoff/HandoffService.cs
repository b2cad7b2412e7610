using System.Data.Common;
using Bot.Channels.BotConnector;
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
/// the message it sends commit together: an SMS, or a message through the Bot Connector (Teams, web chat through
/// Azure), goes out through the outbox, so an outage delays it and loses nothing; a message to a web chat on our own
/// Direct Line is appended to its conversation.
/// </summary>
public sealed class HandoffService(
    Database database,
    ConversationStore conversations,
    OptOutStore optOuts,
    TicketActions actions,
    OutboxSignal outboxSignal,
    DirectLineStore directLine,
    DirectLineSignal directLineSignal,
    ConnectorConversations connector,
    PeopleStore people,
    TicketStore tickets,
    IOptions<TwilioOptions> twilio,
    HelpLinks helpLinks,
    TimeProvider time)
{
    /// <summary>
    /// Takes the conversation over; false when this technician already had it (nothing is sent twice). Another
    /// technician's conversation is refused: they are helping already.
    /// </summary>
    public Task<bool> TakeOverAsync(Ticket ticket, Account technician, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
        {
            var (taken, holder) = await ConversationStore.TakeAsync(route.Id, technician.Email, transaction, token);
            if (!taken)
            {
                return holder == technician.Email ? null : throw new HandoffException($"{holder} has already taken this conversation over.");
            }

            await TicketActions.AssignIfUnassignedAsync(ticket.Id, technician.Email, transaction, token);
            await actions.RecordFirstResponseAsync(ticket.Id, time.GetUtcNow(), transaction, token);
            return Texts.For(ticket.Language).TechnicianJoined(FirstName(technician), ticket.Number);
        }, AuthorKind.System, cancellationToken);

    /// <summary>
    /// The technician's own words, signed with their first name, in the person's channel; only while a technician has
    /// the conversation, so the bot and a person never talk over each other.
    /// </summary>
    public Task ReplyAsync(Ticket ticket, Account technician, string text, CancellationToken cancellationToken) =>
        ReplyAsync(ticket, technician, text, article: null, cancellationToken);

    /// <summary>
    /// The technician's words and, when there is one, an article shared with them (its title stands in for words the
    /// technician left out).
    /// </summary>
    public Task ReplyAsync(Ticket ticket, Account technician, string text, Article? article, CancellationToken cancellationToken) =>
        ChangeAsync(
            ticket,
            async (route, transaction, token) =>
            {
                if (await ConversationStore.HumanAgentAsync(route.Id, transaction, token) is null)
                {
                    throw new HandoffException("The bot has this conversation now; take it over first.");
                }

                await actions.RecordFirstResponseAsync(ticket.Id, time.GetUtcNow(), transaction, token);
                var words = string.IsNullOrWhiteSpace(text) && article is not null ? article.Title : text.Trim();
                return $"{FirstName(technician)}: {words}";
            },
            AuthorKind.Technician,
            cancellationToken,
            article is null ? null : new ArticleShare(article, helpLinks.ArticleUrl(article)));

    /// <summary>Gives the conversation back to the bot and tells the person; false when the bot already had it.</summary>
    public Task<bool> HandBackAsync(Ticket ticket, Account technician, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
            await ConversationStore.ReleaseAsync(route.Id, transaction, token) ? Texts.For(ticket.Language).BackToBot : null,
            AuthorKind.System,
            cancellationToken);

    /// <summary>
    /// Resolves the ticket, gives the conversation back to the bot, and tells the person what was done; a ticket
    /// already resolved is refused, so the person is never told twice.
    /// </summary>
    public Task ResolveAsync(Ticket ticket, Account technician, string resolution, CancellationToken cancellationToken) =>
        ChangeAsync(ticket, async (route, transaction, token) =>
        {
            if (!await actions.ResolveAsync(ticket.Id, resolution.Trim(), technician.Email, transaction, token))
            {
                throw new HandoffException($"{ticket.Number} is already resolved.");
            }

            await ConversationStore.ReleaseAsync(route.Id, transaction, token);
            return Texts.For(ticket.Language).TicketResolved(ticket.Number, resolution.Trim());
        }, AuthorKind.System, cancellationToken);

    /// <summary>
    /// A technician texts a known person first, on one of their phone numbers: a ticket about them is opened for the
    /// conversation, already theirs and taken over, so the answer comes to them and not to the bot; the ticket, the
    /// message and the text to send commit together. When the number already has an open ticket, nothing is sent and
    /// that ticket is returned, to write there.
    /// </summary>
    public async Task<FirstText> TextFirstAsync(Person person, string phone, Account technician, string text, CancellationToken cancellationToken)
    {
        if (!twilio.Value.Enabled)
        {
            throw new HandoffException("Texting is not set up on this desk (Twilio settings).");
        }

        if (!(await people.AddressesAsync(person.Id, cancellationToken)).Contains((TwilioAdapter.Channel, phone)))
        {
            throw new HandoffException($"{phone} is not a number the desk has for {person.GivenName} {person.FamilyName}.");
        }

        await RefuseIfOptedOutAsync(phone, cancellationToken);

        if (await tickets.OpenForRequesterAsync(TwilioAdapter.Channel, phone, cancellationToken) is [var open, ..])
        {
            return new FirstText(open, Sent: false);
        }

        var conversation = await conversations.TouchAsync(new ConversationActivity(TwilioAdapter.Channel, phone, phone, null, time.GetUtcNow()), cancellationToken);
        var signed = $"{FirstName(technician)}: {text.Trim()}";
        var ticket = await tickets.CreateAsync(
            new NewTicket
            {
                ConversationId = conversation,
                Channel = TwilioAdapter.Channel,
                RequesterAddress = phone,
                Language = person.Language ?? "en",
                Topic = SlaPolicyStore.FallbackTopic,
                Category = SlaPolicyStore.FallbackTopic,
                Summary = $"{technician.DisplayName} texted first: {Shorten(text.Trim())}",
                PersonId = person.Id,
                OpenedBy = technician.Email,
            },
            async (opened, transaction, token) =>
            {
                // A colleague texting the same number at the same moment: one ticket, one first text. Both tickets are
                // on the number's one conversation, whose row the new ticket has just updated; on PostgreSQL the second
                // transaction waits there for the first to commit, and so reads its ticket here.
                if (await TicketStore.OtherOpenForRequesterAsync(opened.Id, TwilioAdapter.Channel, phone, transaction, token))
                {
                    throw new HandoffException($"{phone} was just given a ticket by someone else; find it in the queue.");
                }

                var at = time.GetUtcNow();
                await ConversationStore.SetHumanAgentAsync(conversation, technician.Email, transaction, token);
                await TicketActions.AssignIfUnassignedAsync(opened.Id, technician.Email, transaction, token);
                await actions.RecordFirstResponseAsync(opened.Id, at, transaction, token);
                await MessageStore.RecordOutboundAsync(new OutboundMessage(conversation, AuthorKind.Technician, TwilioAdapter.Channel, signed, at, opened.Id), transaction, token);
                await QueueTextAsync(conversation, phone, signed, at, transaction, token);
            },
            cancellationToken);
        outboxSignal.Notify();
        return new FirstText(ticket, Sent: true);
    }

    /// <summary>
    /// Runs <paramref name="change"/> and sends the message it returns, in one transaction: the message is logged on
    /// the ticket and queued for its channel, or nothing happens. A change that returns no message (there was nothing
    /// to change) sends nothing, and the result is false.
    /// </summary>
    private async Task<bool> ChangeAsync(
        Ticket ticket,
        Func<ConversationRoute, DbTransaction, CancellationToken, Task<string?>> change,
        AuthorKind author,
        CancellationToken cancellationToken,
        ArticleShare? share = null)
    {
        var route = await conversations.RouteAsync(ticket.ConversationId, cancellationToken)
            ?? throw new HandoffException($"Ticket {ticket.Number} has no conversation to write to.");
        var delivery = await DeliveryAsync(route, cancellationToken);
        var address = route.Address ?? ticket.RequesterAddress;
        if (delivery == Delivery.Sms)
        {
            await RefuseIfOptedOutAsync(address, cancellationToken);
        }

        var sent = await database.InTransactionAsync(
            async (transaction, token) =>
            {
                if (await change(route, transaction, token) is not { } text)
                {
                    return false;
                }

                var at = time.GetUtcNow();
                var sent = share is null ? text : delivery == Delivery.Sms ? share.SmsText(text) : share.CardTranscript(text);
                await MessageStore.RecordOutboundAsync(new OutboundMessage(route.Id, author, route.Channel, sent, at, ticket.Id), transaction, token);
                switch (delivery)
                {
                    case Delivery.Sms:
                        await QueueTextAsync(route.Id, address, sent, at, transaction, token);
                        break;
                    case Delivery.BotConnector:
                        var message = ConnectorSender.Body(ArticleShare.WithCard(share, MessageFactory.Text(text)));
                        await OutboxStore.EnqueueAsync(new NewOutboxMessage(route.Channel, route.ChannelConversationId, ConnectorSender.Sender, message, route.Id), at, transaction, token);
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
        if (!sent)
        {
            return false;
        }

        if (delivery != Delivery.WebChat)
        {
            outboxSignal.Notify();
        }
        else
        {
            // The page's open stream pushes the message now rather than at its next look at the store.
            directLineSignal.Notify(route.ChannelConversationId);
        }

        return true;
    }

    /// <summary>
    /// How a message reaches the person: SMS through the outbox; a web chat on our own Direct Line by appending to it;
    /// Teams, and web chat through Azure Bot Service, through the outbox to the Bot Connector, which needs the
    /// conversation reference their turns stored.
    /// </summary>
    private async Task<Delivery> DeliveryAsync(ConversationRoute route, CancellationToken cancellationToken)
    {
        if (route.Channel == TwilioAdapter.Channel && twilio.Value.Enabled)
        {
            return Delivery.Sms;
        }

        if (route.Channel == DirectLineAdapter.Channel && await directLine.ExistsAsync(route.ChannelConversationId, cancellationToken))
        {
            return Delivery.WebChat;
        }

        if (route.Channel is TeamsSender.ChannelId or DirectLineAdapter.Channel
            && await connector.CanContinueAsync(route.Channel, route.ChannelConversationId, cancellationToken))
        {
            return Delivery.BotConnector;
        }

        throw new HandoffException($"Writing to people on the {route.Channel} channel from the console is not available; reach them another way.");
    }

    /// <summary>A number that texted STOP is never texted, not even by a technician, until it texts START.</summary>
    private async Task RefuseIfOptedOutAsync(string phone, CancellationToken cancellationToken)
    {
        if (await optOuts.IsOptedOutAsync(TwilioAdapter.Channel, phone, cancellationToken))
        {
            throw new HandoffException($"{phone} has opted out of texts (STOP); the desk cannot text it until they text START.");
        }
    }

    /// <summary>Queues <paramref name="text"/> for a phone, split into texts of at most two segments.</summary>
    private async Task QueueTextAsync(long conversationId, string phone, string text, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var part in SmsSegments.Split(text))
        {
            await OutboxStore.EnqueueAsync(new NewOutboxMessage(TwilioAdapter.Channel, phone, twilio.Value.PhoneNumber!, part, conversationId), at, transaction, cancellationToken);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");

    private static string FirstName(Account technician) => technician.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : technician.DisplayName;
}

/// <summary>What came of texting someone first: the ticket to follow it on, and whether the text went (false: the number already had that ticket open).</summary>
public sealed record FirstText(Ticket Ticket, bool Sent);

/// <summary>How a message from the console reaches the person.</summary>
internal enum Delivery
{
    /// <summary>The outbox, to Twilio.</summary>
    Sms,

    /// <summary>The outbox, to the Bot Connector: Teams, and web chat through Azure Bot Service.</summary>
    BotConnector,

    /// <summary>Appended to the conversation our own Direct Line serves.</summary>
    WebChat,
}

/// <summary>A handoff step that cannot be done (the person opted out, the channel cannot be written to yet).</summary>
public sealed class HandoffException(string message) : InvalidOperationException(message);
