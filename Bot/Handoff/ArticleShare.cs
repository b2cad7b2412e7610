using Bot.Dialogs.Engine.Rendering;
using Bot.Dialogs.Knowledge;
using Microsoft.Bot.Schema;

namespace Bot.Handoff;

/// <summary>
/// An article a technician shares with their message: on SMS its summary and a link to its public page follow the
/// text; where cards show (web chat, Teams) the message carries the same card the bot shows for it.
/// </summary>
internal sealed record ArticleShare(Article Article, string? Link)
{
    /// <summary>The text message: the technician's words, the summary written to fit a text, the link (when the desk has a public URL).</summary>
    public string SmsText(string text) => Link is null ? $"{text}\n{Article.Summary}" : $"{text}\n{Article.Summary}\n{Link}";

    /// <summary>What the ticket's transcript says was sent with a card.</summary>
    public string CardTranscript(string text) => $"{text}\n[card: {Article.Title}]";

    /// <summary>The activity with the article's card when one is shared; as it was otherwise.</summary>
    public static T WithCard<T>(ArticleShare? share, T activity)
        where T : IMessageActivity
    {
        if (share is not null)
        {
            activity.Attachments = [ArticleCards.ToAttachment(share.Article)];
        }

        return activity;
    }
}
