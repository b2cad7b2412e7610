using System.Globalization;
using Bot.Data.Tickets;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Bot.Channels.Teams;

/// <summary>The pieces of the adaptive cards the desk posts to Teams, so that every card shows text and times alike.</summary>
public static class AdaptiveCardParts
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>An adaptive card (schema 1.4, which Teams renders) holding <paramref name="body"/> and, if any, <paramref name="actions"/>.</summary>
    public static Attachment Card(JArray body, JArray? actions = null)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return new Attachment(ContentType, content: card);
    }

    public static JObject Facts(params (string Title, string Value)[] facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JArray(facts.Select(fact => new JObject { ["title"] = fact.Title, ["value"] = fact.Value })),
    };

    /// <summary>
    /// Text in a rich text block, whose runs are never read as Markdown: what people or imports wrote cannot turn into
    /// links or formatting.
    /// </summary>
    public static JObject PlainText(string text, bool bold = false)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        return new JObject { ["type"] = "RichTextBlock", ["inlines"] = new JArray(run) };
    }

    public static JObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    /// <summary>A time as technicians read it, in the district's time zone.</summary>
    public static string LocalTime(DateTimeOffset at, BusinessCalendar calendar) => calendar.ToLocal(at).ToString("ddd MMM d, h:mm tt", English);
}
