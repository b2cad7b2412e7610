using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing;

/// <summary>
/// A local HTTP server that plays the Bot Connector service: it accepts the REST calls a bot makes to reply
/// (<c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>), to start a conversation (<c>POST /v3/conversations</c>,
/// as for a new thread in a Teams channel), to update a message (<c>PUT /v3/conversations/{id}/activities/{id}</c>)
/// and to look a member up (<c>GET /v3/conversations/{id}/members/{id}</c>), answers as the real service does, and
/// hands what it received to the test. It can fail on purpose for a while, as an outage would.
/// </summary>
public sealed class BotConnectorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedActivity> received = Channel.CreateUnbounded<ReceivedActivity>();
    private readonly Channel<ReceivedActivity> updated = Channel.CreateUnbounded<ReceivedActivity>();
    private readonly Dictionary<string, JsonObject> members = [];
    private int nextId;
    private int failuresLeft;

    private BotConnectorServer(WebApplication app) => this.app = app;

    /// <summary>The service URL to put in activities, ending in '/'.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static async Task<BotConnectorServer> StartAsync()
    {
        var server = new BotConnectorServer(LoopbackServer.Create());
        server.app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", server.ReceiveAsync);
        server.app.MapPost("/v3/conversations/{conversationId}/activities", server.ReceiveAsync);
        server.app.MapPost("/v3/conversations", (Delegate)server.CreateConversationAsync);
        server.app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", server.UpdateAsync);
        server.app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", server.Member);
        var address = await LoopbackServer.StartAsync(server.app);
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

    /// <summary>The next message update (<c>PUT</c>) the bot sent, or a <see cref="TimeoutException"/>.</summary>
    public async Task<ReceivedActivity> NextUpdateAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await updated.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The bot updated no message in time.");
        }
    }

    /// <summary>Activities received and not yet taken.</summary>
    public int Pending => received.Reader.Count;

    /// <summary>Someone the service knows in every conversation, as Teams describes its users.</summary>
    public void AddMember(string id, string aadObjectId, string name, string email, string userPrincipalName)
    {
        lock (members)
        {
            members[id] = new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["aadObjectId"] = aadObjectId,
                ["email"] = email,
                ["userPrincipalName"] = userPrincipalName,
                ["tenantId"] = "tenant-1",
                ["userRole"] = "user",
            };
        }
    }

    /// <summary>The next <paramref name="count"/> sends are refused with 503, as during an outage.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    private bool Failing() => Interlocked.Decrement(ref failuresLeft) >= 0;

    private async Task<IResult> ReceiveAsync(HttpContext context, string conversationId, string? replyToId)
    {
        if (Failing())
        {
            return Unavailable();
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("Empty activity.");
        var id = $"connector-{Interlocked.Increment(ref nextId)}";
        await received.Writer.WriteAsync(new ReceivedActivity(conversationId, replyToId, body.AsObject()));
        return Results.Ok(new { id });
    }

    /// <summary>A new conversation (a new thread in a Teams channel) with its first activity.</summary>
    private async Task<IResult> CreateConversationAsync(HttpContext context)
    {
        if (Failing())
        {
            return Unavailable();
        }

        var parameters = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? throw new InvalidOperationException("Empty parameters.");
        var activityId = $"connector-{Interlocked.Increment(ref nextId)}";
        var channel = (string?)parameters["channelData"]?["channel"]?["id"] ?? "conversation";
        var conversationId = $"{channel};messageid={activityId}";
        var activity = parameters["activity"]?.AsObject() ?? throw new InvalidOperationException("No activity to start the conversation with.");
        await received.Writer.WriteAsync(new ReceivedActivity(conversationId, null, (JsonObject)activity.DeepClone(), parameters));
        return Results.Json(new { id = conversationId, activityId, serviceUrl = ServiceUrl.ToString() }, statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> UpdateAsync(HttpContext context, string conversationId, string activityId)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("Empty activity.");
        await updated.Writer.WriteAsync(new ReceivedActivity(conversationId, activityId, body.AsObject()));
        return Results.Ok(new { id = activityId });
    }

    private IResult Member(string conversationId, string memberId)
    {
        lock (members)
        {
            return members.TryGetValue(memberId, out var member)
                ? Results.Json(member)
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "The member is not part of the conversation." } }, statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static IResult Unavailable() =>
        Results.Json(new { error = new { code = "ServiceError", message = "The service is unavailable." } }, statusCode: StatusCodes.Status503ServiceUnavailable);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>
/// An activity as the connector received it: the route's conversation and reply-to ids, the JSON, and for a new
/// conversation the parameters it was started with.
/// </summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, JsonObject Activity, JsonObject? Parameters = null)
{
    public string? Text => (string?)Activity["text"];

    public string? Type => (string?)Activity["type"];
}
