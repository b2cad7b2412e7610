using System.Data.Common;
using Bot.Channels.BotConnector;
using Bot.Data.Contacts;
using Bot.Data.Outbox;
using Bot.Data.Tickets;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Queues the technicians' card for every new ticket in the transaction that opens it, so that no ticket goes
/// unannounced and no card announces a ticket that was never opened.
/// </summary>
public sealed class TeamsEscalationAlerts(IOptions<TeamsOptions> options, IOptions<TeamsAppOptions> app, PeopleStore people, BusinessCalendar calendar)
    : ITicketOpenedListener
{
    public async Task OnOpenedAsync(OpenedTicket ticket, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // A ticket a technician opened by writing first is already theirs: nobody else needs to be told.
        if (options.Value.TechniciansChannelId is not { Length: > 0 } channelId || ticket.Request.OpenedBy != NewTicket.Bot)
        {
            return;
        }

        var request = ticket.Request;
        var person = request.PersonId is { } personId ? await people.ByIdAsync(personId, cancellationToken) : null;
        var facts = EscalationFacts.Of(ticket.Number, person, request.Channel, request.Category, ticket.FirstResponseDueAt, request.Summary, calendar, app.Value.PublicUrl);
        var alert = new NewOutboxMessage(TeamsSender.ChannelId, TeamsSender.NewThreadIn(channelId), ConnectorSender.Sender, ConnectorSender.Body(EscalationCard.Message(facts)), ConversationId: null);
        await OutboxStore.EnqueueAsync(alert, ticket.CreatedAt, transaction, cancellationToken);
    }
}
