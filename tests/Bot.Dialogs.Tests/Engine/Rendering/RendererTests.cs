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

    [Fact]
    public void An_articles_steps_come_as_a_card_with_its_video_on_web_chat_and_teams_and_not_by_sms()
    {
        var article = Choice with { Card = new ReplyCard("Charge a Chromebook", ["1. Plug it in.", "2. Wait a minute."], "https://videos.example.org/charge") };

        var webChat = Assert.Single(ReplyRenderer.ForChannel("webchat").Render(article, Texts.For("es")));
        var teams = Assert.Single(ReplyRenderer.ForChannel("msteams").Render(article, Texts.For("en")));
        var sms = Assert.Single(ReplyRenderer.ForChannel("sms").Render(article, Texts.For("en")));

        var webCard = Assert.IsType<HeroCard>(Assert.Single(webChat.Attachments).Content);
        Assert.Equal(("Charge a Chromebook", "1. Plug it in.\n\n2. Wait a minute."), (webCard.Title, webCard.Text));
        var video = Assert.Single(webCard.Buttons);
        Assert.Equal((ActionTypes.OpenUrl, "Ver el video", "https://videos.example.org/charge"), (video.Type, video.Title, (string)video.Value));
        Assert.Equal(3, webChat.SuggestedActions.Actions.Count);
        Assert.Equal(["Charge a Chromebook", null], teams.Attachments.Select(a => ((HeroCard)a.Content).Title));
        Assert.Equal(3, ((HeroCard)teams.Attachments[1].Content).Buttons.Count);
        Assert.Empty(sms.Attachments ?? []);
    }
}
