using System.Net;
using System.Text.Json.Nodes;
using Bot.Data;
using Bot.Knowledge;
using Bot.Testing;
using Bot.Tests.Support;

namespace Bot.Tests.Knowledge;

public class KnowledgeEndpointsTests
{
    [Fact]
    public async Task Search_answers_the_best_articles_first_and_says_whether_one_matched()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();

        var wifi = JsonNode.Parse(await client.GetStringAsync("/api/kb/search?q=my%20wifi%20keeps%20dropping&lang=en"))!;
        var spanish = JsonNode.Parse(await client.GetStringAsync("/api/kb/search?q=se%20me%20perdi%C3%B3%20el%20cargador&lang=es"))!;
        var lunch = JsonNode.Parse(await client.GetStringAsync("/api/kb/search?q=what%20is%20for%20lunch%20today"))!;

        Assert.True((bool)wifi["matched"]!);
        Assert.Equal("wifi", (string?)wifi["results"]![0]!["topic"]);
        var scores = wifi["results"]!.AsArray().Select(r => (double)r!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("charger", (string?)spanish["results"]![0]!["topic"]);
        Assert.False((bool)lunch["matched"]!);
    }

    [Theory]
    [InlineData("/api/kb/search?q=wifi&lang=fr")]
    [InlineData("/api/kb/search?lang=en")]
    [InlineData("/api/kb/search?q=%20")]
    public async Task A_bad_query_is_a_clear_400(string url)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);

        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_command_writes_one_json_line_per_query_and_nothing_else()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await KnowledgeCommand.RunAsync(app.Services, ["kb", "search", "--lang", "es"], new StringReader("la pantalla se ve negra\nno puedo entrar a classroom\n"), output, error, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(["la pantalla se ve negra", "no puedo entrar a classroom"], lines.Select(line => (string?)line["query"]));
        Assert.Equal("screen", (string?)lines[0]["results"]![0]!["topic"]);
        Assert.All(lines, line => Assert.NotNull(line["matched"]));
    }

    [Fact]
    public async Task The_list_command_writes_every_article_once()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var output = new StringWriter();

        var exit = await KnowledgeCommand.RunAsync(app.Services, ["kb", "list"], TextReader.Null, output, TextWriter.Null, CancellationToken.None);

        var articles = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(0, exit);
        Assert.True(articles.Count >= 48);
        Assert.Equal(articles.Count, articles.Select(a => $"{a["slug"]}/{a["language"]}").Distinct().Count());
        Assert.Equal(2, (await KnowledgeCommand.RunAsync(app.Services, ["kb", "nonsense"], TextReader.Null, output, TextWriter.Null, CancellationToken.None)));
    }
}
