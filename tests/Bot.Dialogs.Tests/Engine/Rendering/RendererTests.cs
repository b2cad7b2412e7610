using Bot.Dialogs.Engine;
using Bot.Dialogs.Engine.Rendering;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Tests.Engine.Rendering;

public class RendererTests
{
    private static readonly Reply Choice = new("Open **Settings**. Did that fix it?", [new("fixed", "Fixed it!"), new("next", "Next step"), new("back", "Back")]);

    [Fact]
    public void Sms_gets_plain_numbered_lines_in_the_persons_language()
    {
        var english = Assert.Single(ReplyRenderer.ForChannel("sms").Render(Choice, Texts.For("en")));
        var spanish = Assert.Single(ReplyRenderer.ForChannel("sms").Render(Choice, Texts.For("es")));

        Assert.Equal("Open Settings. Did that fix it?\n1. Fixed it!\n2. Next step\n3. Back\nReply 1, 2 or 3.", english.Text);
        Assert.EndsWith("Responda 1, 2 o 3.", spanish.Text, StringComparison.Ordinal);
        Assert.Null(english.SuggestedActions);
    }

    [Fact]
    public void Web_chat_gets_markdown_and_suggested_actions_that_send_the_label_back()
    {
        var activity = Assert.Single(ReplyRenderer.ForChannel("webchat").Render(Choice, Texts.For("en")));

        Assert.Equal(Choice.Text, activity.Text);
        Assert.Equal(TextFormatTypes.Markdown, activity.TextFormat);
        Assert.Equal(["Fixed it!", "Next step", "Back"], activity.SuggestedActions.Actions.Select(a => (string)a.Value));
    }

    [Fact]
    public void Teams_gets_a_hero_card_with_buttons()
    {
        var activity = Assert.Single(ReplyRenderer.ForChannel("msteams").Render(Choice, Texts.For("en")));

        var card = Assert.IsType<HeroCard>(Assert.Single(activity.Attachments).Content);
        Assert.Equal(HeroCard.ContentType, activity.Attachments[0].ContentType);
        Assert.Equal(["Fixed it!", "Next step", "Back"], card.Buttons.Select(b => b.Title));
        Assert.All(card.Buttons, button => Assert.Equal(ActionTypes.ImBack, button.Type));
    }
}
