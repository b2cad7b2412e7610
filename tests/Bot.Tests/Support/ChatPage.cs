using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Support;

/// <summary>
/// The caregivers' page in a real browser, used as a person uses it: type, press the suggested buttons, read what the
/// bot says. Every request the page makes and every console error it logs are kept for tests to check.
/// </summary>
internal sealed class ChatPage : IAsyncDisposable
{
    private const string BotBubble = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private const string UserBubble = ".webchat__bubble--from-user .webchat__bubble__content";

    private readonly IBrowserContext context;

    private ChatPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Request += (_, request) => Requests.Add(new Uri(request.Url));
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public ConcurrentBag<Uri> Requests { get; } = [];

    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    public ILocator SendBox => Page.Locator("[data-id=webchat-sendbox-input]");

    /// <summary>Opens the page at <paramref name="path"/> in a new browser context (its own session storage) that prefers English.</summary>
    public static async Task<ChatPage> OpenAsync(Chromium chromium, Uri app, string path = "/")
    {
        // Generous waits: the bot answers in milliseconds, but a shared two-core machine can stall anything for seconds.
        SetDefaultExpectTimeout(20_000);
        var context = await chromium.NewContextAsync(new() { BaseURL = app.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(20_000);
        var page = new ChatPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(path);
        await Expect(page.SendBox).ToBeEditableAsync();
        return page;
    }

    public async Task SayAsync(string text)
    {
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
        await Expect(PersonSays(text).Last).ToBeVisibleAsync();
    }

    /// <summary>Presses the suggested action with exactly this label, once the bot offers it.</summary>
    public async Task ChooseAsync(string label)
    {
        await Page.Locator(".webchat__suggested-action").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }).ClickAsync();
    }

    /// <summary>What the bot has said that contains <paramref name="text"/>.</summary>
    public ILocator BotSays(string text) => Page.Locator(BotBubble).Filter(new() { HasTextRegex = AsShown(text) });

    /// <summary>What the person said that contains <paramref name="text"/>.</summary>
    public ILocator PersonSays(string text) => Page.Locator(UserBubble).Filter(new() { HasTextRegex = AsShown(text) });

    public Task ExpectBotSaysAsync(string text) => Expect(BotSays(text).Last).ToBeVisibleAsync();

    /// <summary>Reloads the page and waits until the chat can be used again.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await Expect(SendBox).ToBeEditableAsync();
    }

    /// <summary>The conversation this tab keeps for a reload, or null while it keeps none.</summary>
    public Task<string?> StoredConversationIdAsync() =>
        Page.EvaluateAsync<string?>("() => JSON.parse(sessionStorage.getItem('desk.webchat') || 'null')?.conversationId ?? null");

    /// <summary>Matches <paramref name="text"/> as Web Chat's Markdown shows it: typographic quotes for straight ones.</summary>
    private static Regex AsShown(string text) =>
        new(Regex.Escape(text).Replace("'", "['‘’]", StringComparison.Ordinal).Replace("\"", "[\"“”]", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
