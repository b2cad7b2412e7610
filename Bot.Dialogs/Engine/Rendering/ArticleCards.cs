using Bot.Dialogs.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>An article's steps as a hero card, its video as a button, for channels that show cards (Web Chat, Teams).</summary>
public static class ArticleCards
{
    /// <summary>What the card of an article says: its title, its numbered steps, its video.</summary>
    public static ReplyCard Card(Article article) =>
        new(article.Title, article.Steps.Select((step, i) => $"{i + 1}. {step}").ToList(), article.Video);

    /// <summary>The card the bot shows when it starts walking <paramref name="article"/>, for a technician to share the same.</summary>
    public static Attachment ToAttachment(Article article) => ToAttachment(Card(article), Texts.For(article.Language));

    internal static Attachment ToAttachment(ReplyCard card, Texts texts) => new HeroCard
    {
        Title = card.Title,
        Text = string.Join("\n\n", card.Lines),
        Buttons = card.Link is { } link ? [new CardAction(ActionTypes.OpenUrl, texts.WatchVideo, value: link)] : null,
    }.ToAttachment();
}
