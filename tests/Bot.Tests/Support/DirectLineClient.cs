using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>Talks to the app's Direct Line as Web Chat does (polling): a token from the page's endpoint, then REST.</summary>
internal sealed class DirectLineClient(HttpClient client)
{
    public string ConversationId { get; set; } = string.Empty;

    public string UserId { get; private set; } = string.Empty;

    public string Token { get; set; } = string.Empty;

    public string? Watermark { get; private set; }

    /// <summary>Gets a token for a new conversation and starts it; the bot's greeting is then waiting.</summary>
    public static async Task<DirectLineClient> StartAsync(HttpClient client)
    {
        var page = new DirectLineClient(client);
        using var response = await client.PostAsync("/api/webchat/token", null);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        (page.ConversationId, page.UserId, page.Token) = ((string)body["conversationId"]!, (string)body["userId"]!, (string)body["token"]!);
        (await page.SendAsync(HttpMethod.Post, "/v3/directline/conversations")).Dispose();
        return page;
    }

    public Task<HttpResponseMessage> SayAsync(string text) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new { type = "message", text, locale = "en-US" });

    /// <summary>The activities after the last ones read (all of them the first time), moving the watermark on.</summary>
    public async Task<JsonArray> ReadAsync(string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities{(Watermark is null ? "" : $"?watermark={Watermark}")}", token: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Watermark = (string?)body["watermark"];
        return body["activities"]!.AsArray();
    }

    /// <summary>The texts of the bot's (or desk's) messages after the last read.</summary>
    public async Task<List<string>> RepliesAsync() =>
        [.. (await ReadAsync()).Where(a => (string?)a!["from"]!["role"] == "bot" && (string?)a["type"] == "message").Select(a => (string)a!["text"]!)];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if ((token ?? Token) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }
}
