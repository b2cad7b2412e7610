using System.Net;
using System.Text.RegularExpressions;
using Bot.Channels.WebChat;
using Bot.Data;
using Bot.Testing;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.WebChat;

/// <summary>The caregivers' page as HTTP: its language, its security headers, its files, and its settings checked at start-up.</summary>
public partial class WebChatPageResponseTests
{
    [Theory]
    [InlineData("/", null, "en")]
    [InlineData("/", "es-MX,es;q=0.9,en;q=0.8", "es")]
    [InlineData("/", "fr-FR, en;q=0.5, es;q=0.7", "es")]
    [InlineData("/", "de-DE, fr;q=0.8", "en")]
    [InlineData("/", "es;q=0, en;q=0.1", "en")]
    [InlineData("/en", "es-MX", "en")]
    [InlineData("/es", "en-US", "es")]
    public async Task The_page_is_in_the_language_chosen_else_the_one_the_browser_prefers_else_english(string path, string? acceptLanguage, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
        Assert.Equal([expected], response.Content.Headers.ContentLanguage);
        var other = WebChatPageTexts.For(expected).Other;
        Assert.Contains($"<a href=\"{other.Path}\" lang=\"{other.Language}\" hreflang=\"{other.Language}\">{other.LanguageName}</a>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(path == "/", response.Headers.Vary.Contains("Accept-Language"));
    }

    [Fact]
    public async Task The_page_runs_no_inline_script_and_allows_only_this_app_with_a_new_style_nonce_each_time()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var client = app.CreateClient();

        var (first, firstHtml) = await PolicyAndPageAsync(client);
        var (second, _) = await PolicyAndPageAsync(client);

        var nonce = Nonce().Match(first).Groups[1].Value;
        Assert.NotEqual(nonce, Nonce().Match(second).Groups[1].Value);
        Assert.Equal(WebChatPageEndpoints.ContentSecurityPolicy(nonce), first);
        Assert.DoesNotContain("unsafe", first, StringComparison.Ordinal);
        Assert.Contains($"<style nonce=\"{nonce}\">", WebUtility.HtmlDecode(firstHtml), StringComparison.Ordinal);
        var scripts = Script().Matches(firstHtml).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal([WebChatPageEndpoints.BundleUrl, "/webchat/chat.js"], scripts);
        Assert.Equal(2, Regex.Count(firstHtml, "<script", RegexOptions.IgnoreCase));
    }

    [Theory]
    [InlineData("/webchat/chat.js", "text/javascript")]
    [InlineData("/webchat/chat.css", "text/css")]
    [InlineData("/webchat/logo.svg", "image/svg+xml")]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    public async Task The_page_files_and_the_console_script_are_served_by_the_app(string path, string contentType)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });

        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_web_chat_bundle_the_build_fetched_is_served_by_the_app()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });

        using var response = await app.CreateClient().GetAsync(WebChatPageEndpoints.BundleUrl);
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("renderWebChat", script, StringComparison.Ordinal);
        Assert.Contains("createDirectLine", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebChat:Page:LogoUrl", "https://cdn.example.com/logo.png", "WebChat:Page:LogoUrl 'https://cdn.example.com/logo.png' must be a path on this app")]
    [InlineData("WebChat:Page:LogoUrl", "//cdn.example.com/logo.png", "WebChat:Page:LogoUrl '//cdn.example.com/logo.png' must be a path on this app")]
    [InlineData("WebChat:Page:PrimaryColor", "navy", "WebChat:Page:PrimaryColor 'navy' must be a colour written #rrggbb")]
    [InlineData("WebChat:Page:PrimaryColor", "#ffcc00", "WebChat:Page:PrimaryColor #ffcc00 has a contrast of 1.5:1 with the white text on it")]
    [InlineData("WebChat:Page:DistrictName", " ", "WebChat:Page:DistrictName is empty")]
    public async Task A_page_setting_that_would_load_from_elsewhere_or_be_unreadable_stops_start_up_and_names_it(string key, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false", [key] = value });

        var error = app.FailedStartup();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static async Task<(string Policy, string Html)> PolicyAndPageAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        return (string.Join("; ", response.Headers.GetValues("Content-Security-Policy")), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script src=\"([^\"]+)\"[^>]*></script>")]
    private static partial Regex Script();
}
