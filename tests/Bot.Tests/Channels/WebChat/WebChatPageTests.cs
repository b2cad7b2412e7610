using Bot.Data;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Channels.WebChat;

/// <summary>
/// The caregivers' page in Chromium, against the whole app on a loopback port: real bot, dialogs, SQLite and knowledge
/// search as configured by default (full text and sentence embeddings: "won't turn on" needs the latter to match).
/// </summary>
[Collection(BrowserTests.Name)]
public class WebChatPageTests(Chromium chromium)
{
    private const string ChromebookWontTurnOn = "power-chromebook-wont-turn-on";
    private static readonly Texts English = Texts.For(Languages.English);
    private static readonly Texts Spanish = Texts.For(Languages.Spanish);

    [BrowserFact]
    public async Task A_caregiver_describes_the_problem_walks_the_fix_with_the_buttons_and_rates_it()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var address = app.StartOnLoopback();
        var article = Article(app, Languages.English);
        await using var chat = await ChatPage.OpenAsync(chromium, address);

        await chat.ExpectBotSaysAsync(English.Greeting);
        await chat.SayAsync("my chromebook won't turn on");
        await chat.ExpectBotSaysAsync(English.OfferArticles);
        await chat.ChooseAsync(article.Title);
        await chat.ExpectBotSaysAsync($"{English.StepOf(1, article.Steps.Count)} {article.Steps[0]}");
        await chat.ChooseAsync(English.NextStep);
        await chat.ExpectBotSaysAsync($"{English.StepOf(2, article.Steps.Count)} {article.Steps[1]}");
        await chat.ChooseAsync(English.FixedIt);
        await chat.ExpectBotSaysAsync(English.GladFixed);
        await chat.ExpectBotSaysAsync(English.AskRating);
        await chat.ChooseAsync("5");
        await chat.ExpectBotSaysAsync(English.ThanksForRating);

        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        var resolution = await connection.QuerySingleAsync<(string Slug, long Rating)>("SELECT article_slug, rating FROM self_service_resolutions");
        Assert.Equal((ChromebookWontTurnOn, 5L), resolution);
    }

    [BrowserFact]
    public async Task A_reload_carries_on_the_same_conversation_showing_its_history_and_answering_in_context()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var address = app.StartOnLoopback();
        var article = Article(app, Languages.English);
        await using var chat = await ChatPage.OpenAsync(chromium, address);
        await chat.ExpectBotSaysAsync(English.Greeting);
        await chat.SayAsync("my chromebook won't turn on");
        await chat.ChooseAsync(article.Title);
        await chat.ExpectBotSaysAsync(English.StepOf(1, article.Steps.Count));
        var before = await chat.StoredConversationIdAsync();

        await chat.ReloadAsync();
        await chat.ExpectBotSaysAsync(English.StepOf(1, article.Steps.Count));
        await chat.SayAsync("next");
        await chat.ExpectBotSaysAsync($"{English.StepOf(2, article.Steps.Count)} {article.Steps[1]}");

        Assert.NotNull(before);
        Assert.Equal(before, await chat.StoredConversationIdAsync());
        await Expect(chat.PersonSays("my chromebook won't turn on")).ToHaveCountAsync(1);
        await Expect(chat.BotSays(English.Greeting)).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task A_stored_token_the_app_refuses_gives_a_new_conversation_rather_than_a_broken_chat()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" }); // nothing is searched
        var address = app.StartOnLoopback();
        await using var chat = await ChatPage.OpenAsync(chromium, address);
        await chat.ExpectBotSaysAsync(English.Greeting);
        await chat.SayAsync("hello");
        var before = await chat.StoredConversationIdAsync();

        await chat.Page.EvaluateAsync("() => { const s = JSON.parse(sessionStorage.getItem('desk.webchat')); s.token = s.token.slice(0, -4) + 'AAAA'; sessionStorage.setItem('desk.webchat', JSON.stringify(s)); }");
        await chat.ReloadAsync();
        await chat.ExpectBotSaysAsync(English.Greeting);

        await chat.Page.WaitForFunctionAsync("before => { const kept = JSON.parse(sessionStorage.getItem('desk.webchat') || 'null'); return kept && kept.conversationId !== before; }", before);

        await Expect(chat.PersonSays("hello")).ToHaveCountAsync(0);
        Assert.NotNull(before);
    }

    [BrowserFact]
    public async Task The_spanish_page_speaks_spanish_the_bot_answers_in_spanish_and_switching_to_english_keeps_the_conversation()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var address = app.StartOnLoopback();
        var article = Article(app, Languages.Spanish);
        await using var chat = await ChatPage.OpenAsync(chromium, address, "/es");

        await Expect(chat.Page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(chat.Page.GetByRole(Microsoft.Playwright.AriaRole.Region, new() { Name = "Chat con la mesa de ayuda" })).ToBeVisibleAsync();
        await Expect(chat.SendBox).ToHaveAttributeAsync("placeholder", "Escriba su mensaje");
        await chat.ExpectBotSaysAsync(Spanish.Greeting);
        await chat.SayAsync("mi chromebook no prende");
        await chat.ExpectBotSaysAsync(Spanish.OfferArticles);
        await chat.ChooseAsync(article.Title);
        await chat.ExpectBotSaysAsync($"{Spanish.StepOf(1, article.Steps.Count)} {article.Steps[0]}");

        await chat.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(chat.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(chat.SendBox).ToHaveAttributeAsync("placeholder", "Type your message");
        await chat.ExpectBotSaysAsync(Spanish.StepOf(1, article.Steps.Count));
    }

    [BrowserFact]
    public async Task The_page_asks_nothing_of_any_host_but_the_app_and_breaks_none_of_its_own_content_security_policy()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var address = app.StartOnLoopback();
        await using var chat = await ChatPage.OpenAsync(chromium, address);

        await chat.ExpectBotSaysAsync(English.Greeting);
        await chat.SayAsync("my chromebook won't turn on");
        await chat.ExpectBotSaysAsync(English.OfferArticles);
        await chat.ReloadAsync();
        await chat.ExpectBotSaysAsync(English.OfferArticles);

        var fetched = chat.Requests.Where(uri => uri.Scheme is not ("data" or "blob")).ToList();
        Assert.All(fetched, uri => Assert.Equal(address.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority)));
        Assert.Contains(fetched, uri => uri.AbsolutePath.EndsWith("/webchat.js", StringComparison.Ordinal));
        Assert.Contains(fetched, uri => uri.AbsolutePath.StartsWith("/v3/directline/conversations/", StringComparison.Ordinal));
        Assert.True(chat.ConsoleErrors.IsEmpty, string.Join('\n', chat.ConsoleErrors));
    }

    [BrowserFact]
    public async Task A_district_name_with_markup_is_shown_as_text_and_never_runs()
    {
        const string Name = "Springfield <script>window.injected = 1</script> & \"Shelbyville\" <b>District</b>";
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new()
        {
            ["WebChat:Page:DistrictName"] = Name,
            ["Knowledge:Semantic"] = "false", // nothing is searched: the sentence model would only add start-up time
        });
        var address = app.StartOnLoopback();
        await using var chat = await ChatPage.OpenAsync(chromium, address);

        await Expect(chat.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Name);
        await Expect(chat.Page).ToHaveTitleAsync($"{Bot.Channels.WebChat.WebChatPageTexts.English.Tagline} · {Name}");
        Assert.Equal("undefined", await chat.Page.EvaluateAsync<string>("() => typeof window.injected"));
        await Expect(chat.Page.Locator("header b")).ToHaveCountAsync(0);
    }

    private static Article Article(DeskApp app, string language) =>
        app.Services.GetRequiredService<KnowledgeBase>().Find(ChromebookWontTurnOn, language)!;
}
