using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Support;

/// <summary>
/// The technician console in a real browser, used as a technician uses it: sign in, follow links, press the page's
/// buttons, read the queue and the transcript. Every request the page makes and every console error it logs are kept
/// for tests to check.
/// </summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    public const string Password = "a long enough password";

    private readonly IBrowserContext context;
    private readonly ConcurrentQueue<Uri> requests = new();
    private int requestsAtMark;

    private ConsolePage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Request += (_, request) => requests.Enqueue(new Uri(request.Url));
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                FailedResponses.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every request the page has made, in order.</summary>
    public IReadOnlyList<Uri> Requests => [.. requests];

    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    /// <summary>Every response of 400 or more the page received, as "status method url".</summary>
    public ConcurrentBag<string> FailedResponses { get; } = [];

    /// <summary>What the page says about the last thing done on it ("Sent.", "T-1001 is yours.").</summary>
    public ILocator Message => Page.Locator("p.message");

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A new browser context (its own cookies) with nobody signed in, at <paramref name="path"/>.</summary>
    public static async Task<ConsolePage> OpenAsync(Chromium chromium, Uri app, string path)
    {
        // Generous waits: the live parts refresh every few seconds, and a shared two-core machine can stall anything.
        SetDefaultExpectTimeout(30_000);
        var context = await chromium.NewContextAsync(new() { BaseURL = app.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(30_000);
        var page = new ConsolePage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(path);
        return page;
    }

    /// <summary>Signs in on the sign-in form in a new browser context and lands on the queue.</summary>
    public static async Task<ConsolePage> SignedInAsync(Chromium chromium, Uri app, string email, string password = Password)
    {
        var page = await OpenAsync(chromium, app, "/console/signin");
        await page.Page.GetByLabel("Email").FillAsync(email);
        await page.Page.GetByLabel("Password").FillAsync(password);
        await page.PressAsync("Sign in");
        await Expect(page.Page).ToHaveURLAsync(new Regex("/console/tickets$"));
        return page;
    }

    public Task GotoAsync(string path) => Page.GotoAsync(path);

    /// <summary>Presses the button with exactly this name (a form's submit button: the browser posts the form).</summary>
    public Task PressAsync(string button) => Button(button).ClickAsync();

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The link with exactly this name (the header's navigation, a ticket's number in the queue).</summary>
    public ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The queue's link to a ticket.</summary>
    public ILocator QueueLink(string number) => Link(number);

    /// <summary>The ticket's Assignee cell.</summary>
    public ILocator Assignee => Page.Locator("tr").Filter(new() { Has = Page.Locator("th", new() { HasTextString = "Assignee" }) }).Locator("td");

    /// <summary>
    /// Lines of the transcript by author kind as stored (<c>user</c>, <c>bot</c>, <c>technician</c>, <c>system</c>)
    /// that contain <paramref name="text"/>.
    /// </summary>
    public ILocator TranscriptLine(string author, string text) =>
        Page.Locator($"tr[data-author=\"{author}\"]").Filter(new() { HasTextString = text });

    public async Task ReplyAsync(string text)
    {
        await Page.GetByLabel("Message (sent by").FillAsync(text);
        await PressAsync("Send");
    }

    public async Task ResolveAsync(string resolution)
    {
        await Page.GetByLabel("Resolution (the person is told)").FillAsync(resolution);
        await PressAsync("Resolve");
    }

    /// <summary>
    /// Marks the document now shown, so that <see cref="ExpectSameDocumentAsync"/> can tell later that what appeared
    /// came without a reload or a navigation.
    /// </summary>
    public async Task MarkDocumentAsync()
    {
        await Page.EvaluateAsync("() => { window.__deskDocument = 'still here'; }");
        requestsAtMark = requests.Count;
    }

    /// <summary>
    /// The marked document is still the one shown, and the page was not fetched again since: neither reloaded nor
    /// replaced by Blazor's enhanced navigation (which keeps the window, so the mark alone could not tell).
    /// </summary>
    public async Task ExpectSameDocumentAsync()
    {
        Assert.Equal("still here", await Page.EvaluateAsync<string?>("() => window.__deskDocument ?? null"));
        var path = new Uri(Page.Url).AbsolutePath;
        Assert.DoesNotContain(Requests.Skip(requestsAtMark), uri => uri.AbsolutePath == path);
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
