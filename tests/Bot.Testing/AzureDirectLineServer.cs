using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing;

/// <summary>
/// A local HTTP server that plays Azure Bot Service's Direct Line token endpoint as a web app's back end calls it:
/// <c>POST /v3/directline/tokens/generate</c> with <c>Authorization: Bearer SECRET</c> and an optional body
/// <c>{"user":{"id":"dl_…"}}</c>, answering <c>{conversationId, token, expires_in}</c>, or 403 with Direct Line's error
/// JSON for any other secret. It can be told to fail for a while.
/// </summary>
public sealed class AzureDirectLineServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> failures = new();
    private readonly ConcurrentQueue<string?> users = new();
    private int requests;
    private int nextConversation;

    private AzureDirectLineServer(WebApplication app, string secret)
    {
        this.app = app;
        Secret = secret;
    }

    public string Secret { get; }

    /// <summary>The Direct Line base address, ending in <c>/v3/directline</c>, as <c>DirectLine:AzureEndpoint</c> names it.</summary>
    public string Endpoint { get; private set; } = null!;

    /// <summary>Every request received, refused and failed ones included.</summary>
    public int Requests => requests;

    /// <summary>The user ids of the tokens given, in order.</summary>
    public IReadOnlyList<string?> Users => [.. users];

    public static async Task<AzureDirectLineServer> StartAsync(string secret = "azure-directline-secret-0123456789")
    {
        var server = new AzureDirectLineServer(LoopbackServer.Create(), secret);
        server.app.MapPost("/v3/directline/tokens/generate", server.GenerateAsync);
        var address = await LoopbackServer.StartAsync(server.app);
        server.Endpoint = address.TrimEnd('/') + "/v3/directline";
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status)
    {
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue(status);
        }
    }

    private async Task<IResult> GenerateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        if (context.Request.Headers.Authorization != $"Bearer {Secret}")
        {
            return Error(StatusCodes.Status403Forbidden, "BadArgument", "Invalid token or secret");
        }

        if (failures.TryDequeue(out var status))
        {
            return Error(status, "ServiceError", "Failed to generate a token");
        }

        var body = context.Request.ContentLength > 0 ? await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken) : null;
        var user = (string?)body?["user"]?["id"];
        if (user is not null && !user.StartsWith("dl_", StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "User ids must start with dl_");
        }

        users.Enqueue(user);
        var number = Interlocked.Increment(ref nextConversation);
        return Results.Json(new Dictionary<string, object>
        {
            ["conversationId"] = $"AzConv{number:D4}-us",
            ["token"] = $"ew0KICAiYWxnIjog.azure-token-{number}",
            ["expires_in"] = 3600,
        });
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
