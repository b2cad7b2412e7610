using Bot.Data.Contacts;
using Bot.Data.Tickets;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

using static Bot.Channels.Teams.AdaptiveCardParts;

namespace Bot.Channels.Teams;

/// <summary>
/// The card the technicians' channel gets for a new ticket: number, who, category, when a first answer is due and the
/// summary, with a Claim button (an <c>Action.Execute</c>, answered by <see cref="TeamsTicketClaims"/>). Once claimed
/// it says by whom and the button is gone. What people wrote is shown as plain text runs, never as Markdown.
/// </summary>
public static class EscalationCard
{
    public const string ClaimVerb = "claim";
    public const string TicketField = "ticket";

    public static Attachment Build(EscalationFacts facts, string? claimedBy = null, string? notice = null)
    {
        var body = new JArray
        {
            PlainText($"New ticket {facts.Number}", bold: true),
            Facts(("Who", facts.Who), ("Channel", facts.Channel), ("Category", facts.Category), ("Answer by", facts.AnswerBy)),
            PlainText(facts.Summary),
        };
        if (claimedBy is not null)
        {
            body.Add(PlainText($"Claimed by {claimedBy}", bold: true));
        }

        if (notice is not null)
        {
            body.Add(PlainText(notice));
        }

        var actions = new JArray();
        if (claimedBy is null)
        {
            actions.Add(new JObject
            {
                ["type"] = "Action.Execute",
                ["title"] = "Claim",
                ["verb"] = ClaimVerb,
                ["data"] = new JObject { [TicketField] = facts.Number },
            });
        }

        if (facts.ConsoleLink is { } link)
        {
            actions.Add(OpenUrl("Open in the console", link));
        }

        return Card(body, actions);
    }

    /// <summary>A message holding the card, with a text for notifications and clients that show no cards.</summary>
    public static Activity Message(EscalationFacts facts)
    {
        var activity = Activity.CreateMessageActivity();
        activity.Text = $"New ticket {facts.Number} ({facts.Category}): answer by {facts.AnswerBy}";
        activity.Attachments = [Build(facts)];
        return (Activity)activity;
    }
}

/// <summary>What the escalation card says about a ticket, already worded for technicians.</summary>
public sealed record EscalationFacts(string Number, string Who, string Channel, string Category, string AnswerBy, string Summary, string? ConsoleLink)
{
    /// <param name="person">Who the ticket is about, when the desk knows them.</param>
    /// <param name="publicUrl">The desk's public address, for a link to the ticket in the console; none when not configured.</param>
    public static EscalationFacts Of(
        string number,
        Person? person,
        string channel,
        string category,
        DateTimeOffset firstResponseDue,
        string summary,
        BusinessCalendar calendar,
        string? publicUrl) =>
        new(
            number,
            person is null ? "not recognised" : $"{person.GivenName} {person.FamilyName} ({person.Role})",
            channel switch
            {
                Sms.TwilioAdapter.Channel => "SMS",
                WebChat.DirectLineAdapter.Channel => "web chat",
                TeamsSender.ChannelId => "Teams",
                _ => channel,
            },
            category,
            LocalTime(firstResponseDue, calendar),
            summary,
            string.IsNullOrWhiteSpace(publicUrl) ? null : $"{publicUrl.TrimEnd('/')}/console/tickets/{Uri.EscapeDataString(number)}");
}
