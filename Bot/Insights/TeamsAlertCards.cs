using System.Data.Common;
using Bot.Channels.BotConnector;
using Bot.Channels.Teams;
using Bot.Data.Insights.Alerts;
using Bot.Data.Outbox;
using Bot.Data.Tickets;
using Microsoft.Extensions.Options;

namespace Bot.Insights;

/// <summary>
/// Queues the technicians' channel card for a new alert in the transaction that stores it, as
/// <see cref="TeamsEscalationAlerts"/> does for new tickets: no alert goes unannounced, none is announced twice.
/// </summary>
public sealed class TeamsAlertCards(IOptions<TeamsOptions> teams, BusinessCalendar calendar, IConfiguration configuration) : IAlertRaisedListener
{
    public async Task OnRaisedAsync(Alert alert, IReadOnlyList<AlertTicket> tickets, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (teams.Value.TechniciansChannelId is not { Length: > 0 } channelId)
        {
            return;
        }

        var card = AlertCard.Message(alert, tickets, calendar, AlertsPage(configuration));
        var message = new NewOutboxMessage(TeamsSender.ChannelId, TeamsSender.NewThreadIn(channelId), ConnectorSender.Sender, ConnectorSender.Body(card), ConversationId: null);
        await OutboxStore.EnqueueAsync(message, alert.RaisedAt, transaction, cancellationToken);
    }

    /// <summary>The console's alerts page at the desk's public URL (<c>Teams:App:PublicUrl</c>), when it is set.</summary>
    private static Uri? AlertsPage(IConfiguration configuration) =>
        Uri.TryCreate(configuration[$"{TeamsAppOptions.Section}:{nameof(TeamsAppOptions.PublicUrl)}"], UriKind.Absolute, out var publicUrl)
            ? new Uri(publicUrl, "/console/insights/alerts")
            : null;
}
