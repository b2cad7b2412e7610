using System.Globalization;
using Bot.Channels.Teams;
using Bot.Data.Insights.Alerts;
using Bot.Data.Tickets;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Bot.Insights;

/// <summary>
/// The technicians' channel card for a new alert: which group, the window, how many tickets against how many
/// expected, and the tickets' numbers, with a link to the console's alerts page when the desk's public URL is known.
/// </summary>
public static class AlertCard
{
    /// <summary>Numbers listed on the card; the console has them all.</summary>
    public const int TicketsShown = 10;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static Activity Message(Alert alert, IReadOnlyList<AlertTicket> tickets, BusinessCalendar calendar, Uri? alertsPage)
    {
        var title = $"Possible systemic problem: {alert.Describe()}";
        var numbers = string.Join(", ", tickets.Take(TicketsShown).Select(ticket => ticket.Number));
        if (tickets.Count > TicketsShown)
        {
            numbers += $" and {tickets.Count - TicketsShown} more";
        }

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = new JArray
            {
                Text(title, bold: true),
                new JObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JArray(
                        Fact("Window", $"{Local(alert.WindowStart, calendar)} to {Local(alert.WindowEnd, calendar)}"),
                        Fact("Tickets", alert.Observed.ToString(English)),
                        Fact("Expected", alert.Expected.ToString("0.0", English)),
                        Fact("Rise", $"{(alert.Observed / alert.Expected).ToString("0.0", English)}×"),
                        Fact("Ticket numbers", numbers)),
                },
            },
        };
        if (alertsPage is not null)
        {
            card["actions"] = new JArray(new JObject { ["type"] = "Action.OpenUrl", ["title"] = "Open alerts", ["url"] = alertsPage.ToString() });
        }

        var activity = Activity.CreateMessageActivity();
        activity.Text = $"{title}: {alert.Observed} tickets where {alert.Expected.ToString("0.0", English)} were expected";
        activity.Attachments = [new Attachment(EscalationCard.ContentType, content: card)];
        return (Activity)activity;
    }

    private static string Local(DateTimeOffset at, BusinessCalendar calendar) => calendar.ToLocal(at).ToString("ddd MMM d, h:mm tt", English);

    private static JObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    // Group labels come from imports (school names); a text run is never read as Markdown.
    private static JObject Text(string text, bool bold = false)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        return new JObject { ["type"] = "RichTextBlock", ["inlines"] = new JArray(run) };
    }
}
