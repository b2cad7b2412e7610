using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Data;
using Bot.Dialogs.Engine;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>Our Direct Line 3.0 as Web Chat calls it: tokens, conversations, activities by watermark.</summary>
public class DirectLineTests
{
    private static readonly Texts English = Texts.For("en");

    [Fact]
    public async Task A_page_gets_a_token_starts_is_greeted_writes_and_reads_the_reply_with_its_own_message_by_watermark()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        var (conversationId, userId, token) = await OpenAsync(client);

        using var started = await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token);
        var greeting = await ActivitiesAsync(client, conversationId, token, watermark: null);
        using var posted = await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new
        {
            type = "message",
            from = new { id = "someone-else", name = "Caregiver" },
            text = "my chromebook won't turn on",
            locale = "en-US",
        });
        var afterPost = await ActivitiesAsync(client, conversationId, token, greeting.Watermark);
        var nothingNew = await ActivitiesAsync(client, conversationId, token, afterPost.Watermark);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Contains(English.Greeting, (string)greeting.Activities[0]!["text"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var echo = afterPost.Activities[0]!;
        Assert.Equal(("my chromebook won't turn on", userId), ((string)echo["text"]!, (string)echo["from"]!["id"]!));
        Assert.Equal((string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, (string)echo["id"]!);
        var reply = afterPost.Activities[^1]!;
        Assert.Equal(("desk-bot", "bot"), ((string)reply["from"]!["id"]!, (string)reply["from"]!["role"]!));
        Assert.NotEmpty(reply["suggestedActions"]!["actions"]!.AsArray());
        Assert.True(long.Parse(afterPost.Watermark!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(greeting.Watermark!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(nothingNew.Activities);
        Assert.Equal(afterPost.Watermark, nothingNew.Watermark);
    }

    [Fact]
    public async Task The_token_names_this_apps_own_Direct_Line_as_the_domain_the_page_talks_to()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Lexical);

        using var response = await app.CreateClient().PostAsync("/api/webchat/token", null);

        Assert.Equal("http://localhost/v3/directline", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["domain"]);
    }

    [Fact]
    public async Task A_reloaded_page_reconnects_to_the_same_conversation_sees_its_history_and_is_not_greeted_again()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        var (conversationId, _, token) = await OpenAsync(client);
        (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token)).Dispose();
        (await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new { type = "message", text = "hello" })).Dispose();
        var before = await ActivitiesAsync(client, conversationId, token, watermark: null);

        using var refreshed = await SendAsync(client, HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var newToken = (string)(await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using var restarted = await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", newToken);
        using var reconnected = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", newToken);
        var after = await ActivitiesAsync(client, conversationId, newToken, watermark: null);

        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
        Assert.Equal(conversationId, (string)(await reconnected.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!);
        Assert.Equal(before.Activities.Select(a => (string?)a!["id"]), after.Activities.Select(a => (string?)a!["id"]));
    }

    [Fact]
    public async Task Wrong_expired_or_foreign_tokens_get_403_and_an_unknown_conversation_404()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["DirectLine:TokenLifetime"] = "00:00:02" });
        var client = app.CreateClient();
        var (mine, _, token) = await OpenAsync(client);
        var (theirs, _, _) = await OpenAsync(client);
        var forNowhere = app.Services.GetRequiredService<DirectLineTokens>().Issue("no-such-conversation", "dl_x");

        using var missing = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{mine}/activities", token: null);
        using var garbage = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{mine}/activities", "not-a-token");
        using var tampered = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{mine}/activities", token[..^4] + "AAAA");
        using var foreign = await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{theirs}/activities", token, new { type = "message", text = "hi" });
        using var unknown = await SendAsync(client, HttpMethod.Get, "/v3/directline/conversations/no-such-conversation/activities", forNowhere);
        using var malformed = await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{mine}/activities", token, new { text = "no type" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var expired = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{mine}/activities", token);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden],
            new[] { missing, garbage, tampered, foreign, unknown, malformed, expired }.Select(r => r.StatusCode));
        Assert.Equal("BadArgument", (string)(await foreign.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!);
        var theirActivities = await app.Services.GetRequiredService<Bot.Data.WebChat.DirectLineStore>().SinceAsync(theirs, 0, 10, CancellationToken.None);
        Assert.Empty(theirActivities);
    }

    [Fact]
    public async Task A_post_retried_with_its_client_activity_id_gets_the_first_id_back_and_is_stored_and_answered_once_even_on_another_instance()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Lexical);
        var client = app.CreateClient();
        var (conversationId, _, token) = await OpenAsync(client);
        (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token)).Dispose();
        var greeting = await ActivitiesAsync(client, conversationId, token, watermark: null);
        var message = Message("my chromebook won't turn on", "1722870000000.4217.0");

        var first = await PostIdAsync(client, conversationId, token, message);
        var answered = await ActivitiesAsync(client, conversationId, token, greeting.Watermark);
        var retried = await PostIdAsync(client, conversationId, token, message);
        await using var otherInstance = DeskApp.On(database, settings: Lexical);
        var retriedElsewhere = await PostIdAsync(otherInstance.CreateClient(), conversationId, token, message);
        var afterRetries = await ActivitiesAsync(client, conversationId, token, answered.Watermark);
        var another = await PostIdAsync(client, conversationId, token, Message("my chromebook won't turn on", "1722870000000.4217.1"));

        Assert.Equal((first, first), (retried, retriedElsewhere));
        Assert.Single(answered.Activities, a => (string?)a!["from"]!["role"] == "user");
        Assert.Contains(answered.Activities, a => (string?)a!["from"]!["role"] == "bot");
        Assert.Empty(afterRetries.Activities);
        Assert.NotEqual(first, another);
    }

    [Fact]
    public async Task A_retry_of_a_post_that_was_stored_but_never_answered_because_the_process_died_is_answered_then()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: Lexical);
        var client = app.CreateClient();
        var (conversationId, userId, token) = await OpenAsync(client);
        (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token)).Dispose();
        var greeting = await ActivitiesAsync(client, conversationId, token, watermark: null);
        var storedOnly = new Microsoft.Bot.Schema.Activity
        {
            Type = "message",
            Text = "my chromebook won't turn on",
            Locale = "en-US",
            From = new Microsoft.Bot.Schema.ChannelAccount(userId, role: "user"),
            Recipient = DirectLineAdapter.BotAccount,
            Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: conversationId),
            ChannelId = DirectLineAdapter.Channel,
            ServiceUrl = "http://localhost/v3/directline",
            ChannelData = new Newtonsoft.Json.Linq.JObject { ["clientActivityID"] = "1722870000000.99.0" },
        };
        var (stored, _) = await app.Services.GetRequiredService<DirectLineAdapter>().AppendOnceAsync(storedOnly, "1722870000000.99.0", CancellationToken.None);
        var unanswered = await ActivitiesAsync(client, conversationId, token, greeting.Watermark);

        var retried = await PostIdAsync(client, conversationId, token, Message("my chromebook won't turn on", "1722870000000.99.0"));
        var answered = await ActivitiesAsync(client, conversationId, token, unanswered.Watermark);

        Assert.Equal(stored.Id, retried);
        Assert.Equal([stored.Id], unanswered.Activities.Select(a => (string?)a!["id"]));
        Assert.NotEmpty(answered.Activities);
        Assert.All(answered.Activities, a => Assert.Equal(("bot", stored.Id), ((string?)a!["from"]!["role"], (string?)a["replyToId"])));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_retries_of_one_post_are_stored_once_answered_once_and_all_get_its_id(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = DeskApp.On(database, settings: Lexical);
        var client = app.CreateClient();
        var retried = await StartedAsync(client);
        var once = await StartedAsync(client);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostIdAsync(client, retried.ConversationId, retried.Token, Message("the wifi keeps dropping", "1722870000000.77.0"))));
        await PostIdAsync(client, once.ConversationId, once.Token, Message("the wifi keeps dropping", "1722870000000.78.0"));
        var retriedActivities = (await ActivitiesAsync(client, retried.ConversationId, retried.Token, retried.Watermark)).Activities;
        var onceActivities = (await ActivitiesAsync(client, once.ConversationId, once.Token, once.Watermark)).Activities;

        Assert.Single(ids.Distinct());
        Assert.Equal(ids[0], (string?)Assert.Single(retriedActivities, a => (string?)a!["from"]!["role"] == "user")!["id"]);
        Assert.Equal(
            onceActivities.Where(a => (string?)a!["from"]!["role"] == "bot").Select(a => (string?)a!["text"]),
            retriedActivities.Where(a => (string?)a!["from"]!["role"] == "bot").Select(a => (string?)a!["text"]));
        Assert.Contains(onceActivities, a => (string?)a!["from"]!["role"] == "bot");
    }

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    /// <summary>Full-text search only: these tests are about storage, and need not load the sentence model.</summary>
    private static Dictionary<string, string?> Lexical => new() { ["Knowledge:Semantic"] = "false" };

    private static object Message(string text, string clientActivityId) =>
        new { type = "message", text, locale = "en-US", channelData = new { clientActivityID = clientActivityId, clientTimestamp = "2024-08-05T15:00:00.000Z" } };

    /// <summary>A conversation started and greeted, with the watermark after the greeting.</summary>
    private static async Task<(string ConversationId, string Token, string? Watermark)> StartedAsync(HttpClient client)
    {
        var (conversationId, _, token) = await OpenAsync(client);
        (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token)).Dispose();
        return (conversationId, token, (await ActivitiesAsync(client, conversationId, token, watermark: null)).Watermark);
    }

    private static async Task<string> PostIdAsync(HttpClient client, string conversationId, string token, object activity)
    {
        using var response = await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<(string ConversationId, string UserId, string Token)> OpenAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/webchat/token", null);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["conversationId"]!, (string)body["userId"]!, (string)body["token"]!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private static async Task<(JsonArray Activities, string? Watermark)> ActivitiesAsync(HttpClient client, string conversationId, string token, string? watermark)
    {
        using var response = await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities{(watermark is null ? "" : $"?watermark={watermark}")}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["activities"]!.AsArray(), (string?)body["watermark"]);
    }
}
