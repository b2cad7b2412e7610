using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Data;
using Bot.Data.WebChat;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>Per-client limits: tokens per client address, posts and other requests per conversation.</summary>
public class DirectLineRateLimitsTests
{
    [Fact]
    public async Task A_client_address_that_asks_for_too_many_tokens_gets_429_with_Retry_After_while_another_address_is_served()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Settings("TokensPerMinutePerClient", 3));
        app.CreateClient().Dispose();

        var busy = new List<HttpContext>();
        for (var i = 0; i < 4; i++)
        {
            busy.Add(await TokenFromAsync(app, "203.0.113.7"));
        }

        var other = await TokenFromAsync(app, "198.51.100.20");

        Assert.Equal([200, 200, 200, 429], busy.Select(http => http.Response.StatusCode));
        Assert.InRange(int.Parse(busy[^1].Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(200, other.Response.StatusCode);
    }

    [Fact]
    public async Task A_conversation_that_posts_too_many_activities_gets_429_and_its_extra_post_is_not_stored_while_another_conversation_posts()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Settings("MessagesPerMinutePerConversation", 3));
        var busy = await DirectLineClient.StartAsync(app.CreateClient());
        var other = await DirectLineClient.StartAsync(app.CreateClient());

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            var response = await busy.SayAsync(text);
            statuses.Add(response.StatusCode);
            rejected = response;
        }

        using var fromOther = await other.SayAsync("hello");
        var stored = await app.Services.GetRequiredService<DirectLineStore>().SinceAsync(busy.ConversationId, 0, 100, CancellationToken.None);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(rejected!.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", (string?)(await rejected.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);
        Assert.DoesNotContain(stored, activity => activity.Json.Contains("\"four\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, fromOther.StatusCode);
    }

    [Fact]
    public async Task A_conversation_that_polls_too_often_gets_429_while_another_conversation_polls()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Settings("RequestsPerMinutePerConversation", 4));
        var busy = await DirectLineClient.StartAsync(app.CreateClient());
        var other = await DirectLineClient.StartAsync(app.CreateClient());
        var path = $"/v3/directline/conversations/{busy.ConversationId}/activities";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await busy.SendAsync(HttpMethod.Get, path);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotEmpty(await other.ReadAsync());
    }

    [Theory]
    [InlineData("TokensPerMinutePerClient")]
    [InlineData("MessagesPerMinutePerConversation")]
    [InlineData("RequestsPerMinutePerConversation")]
    public async Task A_limit_that_is_not_positive_stops_start_up_and_names_the_setting(string setting)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Settings(setting, 0));

        var error = app.FailedStartup();

        Assert.Contains($"DirectLine:{setting}", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string limit, int value) => new()
    {
        [$"DirectLine:{limit}"] = value.ToString(CultureInfo.InvariantCulture),
        ["Knowledge:Semantic"] = "false",
    };

    /// <summary>A token request as it arrives from <paramref name="address"/> (the in-memory server has no real one).</summary>
    private static Task<HttpContext> TokenFromAsync(DeskApp app, string address) =>
        app.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/api/webchat/token";
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
}
