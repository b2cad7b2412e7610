using System.Net;
using Bot.Data;
using Bot.Dialogs.Knowledge;
using Bot.Knowledge;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Knowledge;

/// <summary>An article's public page, the link a shared article's text carries, and the setting that makes the link absolute.</summary>
public class HelpPageTests
{
    [Fact]
    public async Task An_articles_page_is_public_and_shows_its_title_summary_and_steps_with_their_bold_and_loads_no_script()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var article = app.Services.GetRequiredService<KnowledgeBase>().Find("accessibility-chromebook", Languages.English)!;

        using var response = await app.CreateClient().GetAsync("/help/en/accessibility-chromebook");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{WebUtility.HtmlEncode(article.Title)}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(article.Summary), html, StringComparison.Ordinal);
        Assert.Contains("<li>Open <strong>Settings</strong> (click the time", html, StringComparison.Ordinal);
        Assert.Equal(article.Steps.Count, html.Split("<li>").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HelpPageEndpoints.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Markup_written_into_an_article_is_shown_as_text_and_never_becomes_markup()
    {
        var folder = Directory.CreateTempSubdirectory("kb-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "markup.en.md"), """
                ---
                slug: markup-test
                topic: camera
                language: en
                title: Fix <b>the</b> camera & "go"
                summary: Try <i>this</i> first.
                keywords: [camera]
                devices: [any]
                ---

                1. Press **Search** then <script>window.injected = 1</script>
                2. Open <img src=x onerror=alert(1)> the camera app.
                """);
            await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
            await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false", ["Knowledge:ContentPath"] = folder });

            var html = await app.CreateClient().GetStringAsync("/help/en/markup-test");

            Assert.Contains("<h1>Fix &lt;b&gt;the&lt;/b&gt; camera &amp; &quot;go&quot;</h1>", html, StringComparison.Ordinal);
            Assert.Contains("Try &lt;i&gt;this&lt;/i&gt; first.", html, StringComparison.Ordinal);
            Assert.Contains("<li>Press <strong>Search</strong> then &lt;script&gt;window.injected = 1&lt;/script&gt;</li>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("/help/en/no-such-article")]
    [InlineData("/help/fr/accessibility-chromebook")]
    [InlineData("/help/EN/accessibility-chromebook")]
    public async Task An_unknown_article_or_language_is_404(string path)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });

        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("https://help.district.example.org/", null, "https://help.district.example.org/help/en/accessibility-chromebook")]
    [InlineData(null, "https://desk.district.example.org", "https://desk.district.example.org/help/en/accessibility-chromebook")]
    [InlineData(null, null, null)]
    public async Task A_link_starts_with_the_public_url_else_with_twilios_webhook_url_else_there_is_none(string? publicUrl, string? webhookBaseUrl, string? expected)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new()
        {
            ["Knowledge:Semantic"] = "false",
            ["Desk:PublicUrl"] = publicUrl,
            ["Twilio:WebhookBaseUrl"] = webhookBaseUrl,
        });
        var article = app.Services.GetRequiredService<KnowledgeBase>().Find("accessibility-chromebook", Languages.English)!;

        Assert.Equal(expected, app.Services.GetRequiredService<HelpLinks>().ArticleUrl(article));
    }

    [Theory]
    [InlineData("http://desk.district.example.org")]
    [InlineData("desk.district.example.org")]
    [InlineData("https://desk.district.example.org/?from=sms")]
    public async Task A_public_url_that_would_make_bad_links_stops_start_up_and_names_the_setting(string publicUrl)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false", ["Desk:PublicUrl"] = publicUrl });

        Assert.Contains($"Desk:PublicUrl '{publicUrl}'", app.FailedStartup(), StringComparison.Ordinal);
    }
}
