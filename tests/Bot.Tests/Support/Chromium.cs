using Microsoft.Playwright;

namespace Bot.Tests.Support;

/// <summary>
/// Debian's Chromium, driven by Playwright, headless: one browser shared by the browser tests (each test opens its own
/// context), launched when first asked for. Playwright never downloads a browser here.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> launched = new(LaunchAsync);

    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var (_, browser) = await launched.Value;
        return await browser.NewContextAsync(options);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (launched.IsValueCreated && launched.Value.IsCompletedSuccessfully)
        {
            var (playwright, browser) = await launched.Value;
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true });
        return (playwright, browser);
    }
}
