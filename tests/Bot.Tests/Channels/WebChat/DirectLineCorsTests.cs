using System.Net;
using Bot.Data;
using Bot.Testing;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.WebChat;

/// <summary>A Web Chat page on another site: only listed origins may call the Direct Line and token routes.</summary>
public class DirectLineCorsTests
{
    private const string District = "https://www.district.example.org";

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_may_send_the_headers_Web_Chat_sends_on_the_Direct_Line_and_token_routes()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Allowing(District, "http://localhost:8080"));
        var client = app.CreateClient();

        using var token = await PreflightAsync(client, "/api/webchat/token", District, "POST");
        using var post = await PreflightAsync(client, "/v3/directline/conversations/abc/activities", District, "POST");
        using var poll = await PreflightAsync(client, "/v3/directline/conversations/abc/activities?watermark=3", "http://localhost:8080", "GET");
        using var read = await GetFromAsync(client, "/v3/directline/conversations/abc/activities", District);

        Assert.All([token, post, poll], response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        Assert.Equal([District, District, "http://localhost:8080"], new[] { token, post, poll }.Select(AllowedOrigin));
        Assert.Equal(
            ["authorization", "content-type", "x-ms-bot-agent"],
            post.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(h => h.Split(',')).Select(h => h.Trim().ToLowerInvariant()).Order());
        Assert.Contains("POST", post.Headers.GetValues("Access-Control-Allow-Methods").SelectMany(h => h.Split(',')).Select(h => h.Trim()));
        Assert.Equal((HttpStatusCode.Forbidden, District), (read.StatusCode, AllowedOrigin(read)));
    }

    [Fact]
    public async Task An_unlisted_origin_and_the_rest_of_the_app_get_no_cross_origin_access()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Allowing(District));
        await using var sameOriginOnly = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var client = app.CreateClient();

        using var unlisted = await PreflightAsync(client, "/v3/directline/conversations/abc/activities", "https://evil.example.com", "POST");
        using var unlistedRead = await GetFromAsync(client, "/v3/directline/conversations/abc/activities", "https://evil.example.com");
        using var otherRoute = await PreflightAsync(client, "/api/kb/search", District, "GET");
        using var noneListed = await PreflightAsync(sameOriginOnly.CreateClient(), "/api/webchat/token", District, "POST");

        Assert.All([unlisted, unlistedRead, otherRoute, noneListed], response => Assert.Null(AllowedOrigin(response)));
    }

    [Theory]
    [InlineData("https://www.district.example.org/")]
    [InlineData("https://www.district.example.org/chat")]
    [InlineData("*")]
    [InlineData("www.district.example.org")]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_start_up_and_names_the_setting(string origin)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Allowing(origin));

        var error = app.FailedStartup();

        Assert.Contains($"DirectLine:AllowedOrigins: '{origin}'", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Allowing(params string[] origins)
    {
        var settings = new Dictionary<string, string?> { ["Knowledge:Semantic"] = "false" };
        for (var i = 0; i < origins.Length; i++)
        {
            settings[$"DirectLine:AllowedOrigins:{i}"] = origins[i];
        }

        return settings;
    }

    /// <summary>What a browser sends before a cross-origin call with Web Chat's headers.</summary>
    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> GetFromAsync(HttpClient client, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;
}
