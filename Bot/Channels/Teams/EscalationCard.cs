using System.Globalization;
using Bot.Data.Contacts;
using Bot.Data.Tickets;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

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
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment Build(EscalationFacts facts, string? claimedBy = null, string? notice = null)
    {
        var body = new JArray
        {
            Text($"New ticket {facts.Number}", bold: true),
            new JObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JArray(
                    Fact("Who", facts.Who),
                    Fact("Channel", facts.Channel),
                    Fact("Category", facts.Category),
                    Fact("Answer by", facts.AnswerBy)),
            },
            Text(facts.Summary),
        };
        if (claimedBy is not null)
        {
            body.Add(Text($"Claimed by {claimedBy}", bold: true));
        }

        if (notice is not null)
        {
            body.Add(Text(notice));
        }

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
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
            actions.Add(new JObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the console", ["url"] = link });
        }

        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return new Attachment(ContentType, content: card);
    }

    /// <summary>A message holding the card, with a text for notifications and clients that show no cards.</summary>
    public static Activity Message(EscalationFacts facts)
    {
        var activity = Activity.CreateMessageActivity();
        activity.Text = $"New ticket {facts.Number} ({facts.Category}): answer by {facts.AnswerBy}";
        activity.Attachments = [Build(facts)];
        return (Activity)activity;
    }

    private static JObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    // A rich text block's runs are never read as Markdown, so a summary cannot turn into links or formatting.
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

/// <summary>What the escalation card says about a ticket, already worded for technicians.</summary>
public sealed record EscalationFacts(string Number, string Who, string Channel, string Category, string AnswerBy, string Summary, string? ConsoleLink)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

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
            calendar.ToLocal(firstResponseDue).ToString("ddd MMM d, h:mm tt", English),
            summary,
            string.IsNullOrWhiteSpace(publicUrl) ? null : $"{publicUrl.TrimEnd('/')}/console/tickets/{Uri.EscapeDataString(number)}");
}
