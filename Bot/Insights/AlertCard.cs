using Bot.Data.Insights.Alerts;
using Bot.Data.Tickets;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using static Bot.Channels.Teams.AdaptiveCardParts;

namespace Bot.Insights;

/// <summary>
/// The technicians' channel card for a new alert: which group, the window, how many tickets against how many
/// expected, and the tickets' numbers, with a link to the console's alerts page when the desk's public URL is known.
/// </summary>
public static class AlertCard
{
    /// <summary>Numbers listed on the card; the console has them all.</summary>
    public const int TicketsShown = 10;

    public static Activity Message(Alert alert, IReadOnlyList<AlertTicket> tickets, BusinessCalendar calendar, Uri? alertsPage)
    {
        var title = $"Possible systemic problem: {alert.Describe()}";
        var numbers = string.Join(", ", tickets.Take(TicketsShown).Select(ticket => ticket.Number));
        if (tickets.Count > TicketsShown)
        {
            numbers += $" and {tickets.Count - TicketsShown} more";
        }

        var body = new JArray
        {
            PlainText(title, bold: true),
            Facts(
                ("Window", $"{LocalTime(alert.WindowStart, calendar)} to {LocalTime(alert.WindowEnd, calendar)}"),
                ("Tickets", alert.Observed.ToString(English)),
                ("Expected", alert.Expected.ToString("0.0", English)),
                ("Rise", $"{(alert.Observed / alert.Expected).ToString("0.0", English)}×"),
                ("Ticket numbers", numbers)),
        };
        var card = Card(body, alertsPage is null ? null : [OpenUrl("Open alerts", alertsPage.ToString())]);

        var activity = Activity.CreateMessageActivity();
        activity.Text = $"{title}: {alert.Observed} tickets where {alert.Expected.ToString("0.0", English)} were expected";
        activity.Attachments = [card];
        return (Activity)activity;
    }
}
