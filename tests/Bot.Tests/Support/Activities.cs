using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>Activities as a channel posts them to <c>/api/messages</c>: plain JSON, the wire format.</summary>
internal static class Activities
{
    public static JsonObject Message(Uri serviceUrl, string conversationId, string text, string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "emulator",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Test Parent", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "desk-bot", ["name"] = "Desk", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = text,
        ["locale"] = "en-US",
    };

    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, JsonObject activity) =>
        client.PostAsJsonAsync("/api/messages", activity);
}
