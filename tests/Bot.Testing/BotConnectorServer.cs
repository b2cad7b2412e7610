using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Testing;

/// <summary>
/// A local HTTP server that plays the Bot Connector service: it accepts the REST calls a bot makes to reply
/// (<c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>), answers with a resource id as the real service
/// does, and hands the activities to the test.
/// </summary>
public sealed class BotConnectorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedActivity> received = Channel.CreateUnbounded<ReceivedActivity>();
    private int nextId;

    private BotConnectorServer(WebApplication app) => this.app = app;

    /// <summary>The service URL to put in activities, ending in '/'.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static async Task<BotConnectorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new BotConnectorServer(builder.Build());
        server.app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", server.ReceiveAsync);
        server.app.MapPost("/v3/conversations/{conversationId}/activities", server.ReceiveAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The next activity the bot sent, or a <see cref="TimeoutException"/>.</summary>
    public async Task<ReceivedActivity> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await received.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The bot sent nothing to the Bot Connector service in time.");
        }
    }

    /// <summary>Activities received and not yet taken.</summary>
    public int Pending => received.Reader.Count;

    private async Task<IResult> ReceiveAsync(HttpContext context, string conversationId, string? replyToId)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("Empty activity.");
        var id = $"connector-{Interlocked.Increment(ref nextId)}";
        await received.Writer.WriteAsync(new ReceivedActivity(conversationId, replyToId, body.AsObject()));
        return Results.Ok(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>An activity as the connector received it: the route's conversation and reply-to ids, and the JSON.</summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, JsonObject Activity)
{
    public string? Text => (string?)Activity["text"];

    public string? Type => (string?)Activity["type"];
}
