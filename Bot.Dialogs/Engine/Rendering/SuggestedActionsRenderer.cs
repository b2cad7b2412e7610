using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Engine.Rendering;

/// <summary>Markdown text with the choices as suggested actions (buttons that send their label back), and an article's card.</summary>
public sealed class SuggestedActionsRenderer : ReplyRenderer
{
    public static SuggestedActionsRenderer Instance { get; } = new();

    public override IReadOnlyList<Activity> Render(Reply reply, Texts texts)
    {
        var activity = reply.Choices.Count == 0
            ? (Activity)MessageFactory.Text(reply.Text)
            : (Activity)MessageFactory.SuggestedActions(reply.Choices.Select(choice => choice.Label).ToList(), reply.Text, ssml: null, inputHint: null, toList: null);
        activity.TextFormat = TextFormatTypes.Markdown;
        if (reply.Card is { } card)
        {
            activity.Attachments = [ArticleCards.ToAttachment(card, texts)];
        }

        return [activity];
    }
}
