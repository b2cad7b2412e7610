using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Tickets;
using Bot.Handoff;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Channels.WebChat;

/// <summary>The Direct Line stream as Web Chat reads it with <c>webSocket: true</c>, over real WebSockets on Kestrel.</summary>
public class DirectLineStreamerTests
{
    /// <summary>Long enough that anything a test sees within seconds was pushed, not found by the stream's own look.</summary>
    private const string NoPolling = "00:10:00";

    [Fact]
    public async Task The_stream_sends_the_history_after_the_watermark_then_pushes_the_bots_reply_to_a_new_post_without_polling()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:StreamPollInterval"] = NoPolling });
        var client = app.CreateClient();
        var page = await StartAsync(client);
        var greeting = await page.Client.ReadAsync();
        var afterGreeting = page.Client.Watermark;
        (await page.Client.SayAsync("hello")).Dispose();

        using var reconnected = await page.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{page.Client.ConversationId}?watermark={afterGreeting}");
        var reconnectUrl = (string)(await reconnected.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!;
        await using var fromStart = await DirectLineSocket.ConnectAsync(page.StreamUrl);
        await using var fromGreeting = await DirectLineSocket.ConnectAsync(reconnectUrl);
        var echo = await fromStart.UntilAsync(a => (string?)a["text"] == "hello");
        await fromGreeting.UntilAsync(a => (string?)a["id"] == (string?)echo["id"]);
        var historyCount = fromGreeting.Activities.Count;

        using var posted = await page.Client.SayAsync("my chromebook won't turn on");
        var postedId = (string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        // The desk shows it is typing while it searches, then answers.
        var reply = await fromGreeting.UntilAsync(a => (string?)a["replyToId"] == postedId && (string?)a["from"]!["role"] == "bot" && (string?)a["type"] == "message", seconds: 5);

        Assert.StartsWith("ws://127.0.0.1:", page.StreamUrl, StringComparison.Ordinal);
        Assert.Contains($"watermark={afterGreeting}&t=", reconnectUrl, StringComparison.Ordinal);
        Assert.Equal(greeting.Select(a => (string?)a!["id"]), fromStart.Activities.Take(greeting.Count).Select(a => (string?)a["id"]));
        Assert.DoesNotContain(fromGreeting.Activities, a => greeting.Any(g => (string?)g!["id"] == (string?)a["id"]));
        Assert.Equal((string?)echo["id"], (string?)fromGreeting.Activities[0]["id"]);
        Assert.Contains(fromGreeting.Activities.Skip(historyCount), a => (string?)a["id"] == postedId);
        Assert.Contains(fromGreeting.Activities, a => (string?)a["replyToId"] == postedId && (string?)a["type"] == "typing");
        Assert.False(string.IsNullOrEmpty((string?)reply["text"]));
        Assert.True(long.Parse(fromGreeting.Watermark!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(afterGreeting!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_technicians_reply_is_pushed_to_the_caregivers_open_stream()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:StreamPollInterval"] = NoPolling });
        var page = await StartAsync(app.CreateClient());
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            (await page.Client.SayAsync(text)).Dispose();
        }

        var last = (await page.Client.ReadAsync())[^1]!;
        var ticket = (await app.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        var sam = await ConsoleBrowser.CreateAccountAsync(app, "sam@district.example.org", AccountRoles.Technician, name: "Sam Reyes");
        await using var stream = await DirectLineSocket.ConnectAsync(page.StreamUrl);
        await stream.UntilAsync(a => (string?)a["id"] == (string?)last["id"]);

        var handoff = app.Services.GetRequiredService<HandoffService>();
        await handoff.TakeOverAsync(ticket, sam, CancellationToken.None);
        await handoff.ReplyAsync(ticket, sam, "Please hold the power key for 30 seconds.", CancellationToken.None);

        var pushed = await stream.UntilAsync(a => (string?)a["text"] == "Sam: Please hold the power key for 30 seconds.", seconds: 5);
        Assert.Equal("bot", (string?)pushed["from"]!["role"]);
    }

    [Fact]
    public async Task What_another_instance_appends_arrives_through_the_streams_own_look_at_the_store()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:StreamPollInterval"] = "00:00:01" });
        await using var otherInstance = DeskApp.On(database, settings: new() { ["Knowledge:Semantic"] = "false" });
        var page = await StartAsync(app.CreateClient());
        await using var stream = await DirectLineSocket.ConnectAsync(page.StreamUrl);
        await stream.UntilAsync(a => (string?)a["from"]!["role"] == "bot");
        var elsewhere = new DirectLineClient(otherInstance.CreateClient()) { Token = page.Client.Token };

        using var posted = await elsewhere.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{page.Client.ConversationId}/activities", new { type = "message", text = "hello", locale = "en-US" });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var postedId = (string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await stream.UntilAsync(a => (string?)a["replyToId"] == postedId && (string?)a["from"]!["role"] == "bot", seconds: 5);
    }

    [Fact]
    public async Task Missing_wrong_foreign_and_expired_tokens_get_403_and_an_unknown_conversation_404_before_any_upgrade()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:TokenLifetime"] = "00:00:02" });
        var client = app.CreateClient();
        var mine = await StartAsync(client);
        var theirs = await StartAsync(client);
        var forNowhere = app.Services.GetRequiredService<DirectLineTokens>().Issue("no-such-conversation", "dl_x");
        var streamOf = (string conversationId) => $"{mine.StreamUrl[..mine.StreamUrl.IndexOf("/v3/", StringComparison.Ordinal)]}/v3/directline/conversations/{conversationId}/stream";

        var missing = await DirectLineSocket.RefusalAsync(streamOf(mine.Client.ConversationId));
        var garbage = await DirectLineSocket.RefusalAsync($"{streamOf(mine.Client.ConversationId)}?t=not-a-token");
        var foreign = await DirectLineSocket.RefusalAsync($"{streamOf(theirs.Client.ConversationId)}?t={Uri.EscapeDataString(mine.Client.Token)}");
        var unknown = await DirectLineSocket.RefusalAsync($"{streamOf("no-such-conversation")}?t={Uri.EscapeDataString(forNowhere)}");
        using var notAnUpgrade = await client.GetAsync(new Uri(mine.StreamUrl.Replace("ws://", "http://", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var expired = await DirectLineSocket.RefusalAsync(mine.StreamUrl);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden],
            new[] { missing, garbage, foreign, unknown, notAnUpgrade.StatusCode, expired });
    }

    [Fact]
    public async Task The_stream_closes_when_its_token_expires_so_that_the_page_reconnects_with_a_new_one()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:TokenLifetime"] = "00:00:03" });
        var page = await StartAsync(app.CreateClient());
        await using var stream = await DirectLineSocket.ConnectAsync(page.StreamUrl);

        await stream.UntilClosedAsync(seconds: 10);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stream.CloseStatus);
        Assert.NotEmpty(stream.Activities);
    }

    [Fact]
    public async Task The_stream_closes_as_going_away_when_the_app_stops()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database);
        var page = await StartAsync(app.CreateClient());
        await using var stream = await DirectLineSocket.ConnectAsync(page.StreamUrl);
        await stream.UntilAsync(a => (string?)a["from"]!["role"] == "bot");

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await stream.UntilClosedAsync(seconds: 10);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, stream.CloseStatus);
    }

    [Fact]
    public async Task An_idle_stream_sends_empty_keep_alive_frames()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = OnKestrel(database, new() { ["DirectLine:StreamKeepAliveInterval"] = "00:00:00.200", ["DirectLine:StreamPollInterval"] = NoPolling });
        var page = await StartAsync(app.CreateClient());
        await using var stream = await DirectLineSocket.ConnectAsync(page.StreamUrl);

        await stream.ListenAsync(TimeSpan.FromSeconds(1.5));

        Assert.InRange(stream.EmptyFrames, 3, 10);
        Assert.NotEmpty(stream.Activities);
    }

    /// <summary>The app on a real loopback port (Kestrel), so that the WebSockets are real ones.</summary>
    private static DeskApp OnKestrel(TestDatabase database, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Knowledge:Semantic"] = "false" };
        var app = DeskApp.On(database, settings: all);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>A token and a started conversation, with the stream URL the start answered.</summary>
    private static async Task<(DirectLineClient Client, string StreamUrl)> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/webchat/token", null);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var page = new DirectLineClient(client) { Token = (string)body["token"]! };
        page.ConversationId = (string)body["conversationId"]!;
        using var started = await page.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (page, (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!);
    }
}
