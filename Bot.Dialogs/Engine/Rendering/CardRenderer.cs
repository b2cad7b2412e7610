using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>
/// For Teams: a hero card whose buttons send the choice's label back, after the article's card when there is one;
/// plain Markdown when there is no choice.
/// </summary>
public sealed class CardRenderer : ReplyRenderer
{
    public static CardRenderer Instance { get; } = new();

    public override IReadOnlyList<Activity> Render(Reply reply, Texts texts)
    {
        if (reply.Choices.Count == 0)
        {
            var text = (Activity)MessageFactory.Text(reply.Text);
            text.TextFormat = TextFormatTypes.Markdown;
            return [text];
        }

        var card = new HeroCard
        {
            Text = reply.Text.Replace("\n", "\n\n", StringComparison.Ordinal),
            Buttons = [.. reply.Choices.Select(choice => new CardAction(ActionTypes.ImBack, choice.Label, value: choice.Label))],
        };
        return reply.Card is { } article
            ? [(Activity)MessageFactory.Attachment([ArticleCards.ToAttachment(article, texts), card.ToAttachment()])]
            : [(Activity)MessageFactory.Attachment(card.ToAttachment())];
    }
}
