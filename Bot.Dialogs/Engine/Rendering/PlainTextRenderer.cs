using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>Plain text for SMS: no Markdown, choices as numbered lines with "Reply 1, 2 or 3".</summary>
public sealed class PlainTextRenderer : ReplyRenderer
{
    public static PlainTextRenderer Instance { get; } = new();

    public override IReadOnlyList<Activity> Render(Reply reply, Texts texts) => [(Activity)MessageFactory.Text(Format(reply, texts))];

    public static string Format(Reply reply, Texts texts)
    {
        var text = new StringBuilder(StripMarkdown(reply.Text));
        for (var i = 0; i < reply.Choices.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(StripMarkdown(reply.Choices[i].Label));
        }

        if (reply.Choices.Count > 0)
        {
            text.Append('\n').Append(texts.ReplyWithNumber(reply.Choices.Count));
        }

        return text.ToString();
    }

    private static string StripMarkdown(string text) => text.Replace("**", string.Empty, StringComparison.Ordinal);
}
