using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>An article's steps as a hero card, its video as a button, for channels that show cards (Web Chat, Teams).</summary>
internal static class ArticleCards
{
    public static Attachment ToAttachment(ReplyCard card, Texts texts) => new HeroCard
    {
        Title = card.Title,
        Text = string.Join("\n\n", card.Lines),
        Buttons = card.Link is { } link ? [new CardAction(ActionTypes.OpenUrl, texts.WatchVideo, value: link)] : null,
    }.ToAttachment();
}
