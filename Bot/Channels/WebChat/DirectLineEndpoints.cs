using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Bot.Data.WebChat;
using Bot.Dialogs.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Bot.Channels.WebChat;

/// <summary>
/// The Direct Line 3.0 routes Web Chat calls, served in-process under <c>/v3/directline</c> (the stream is
/// <see cref="DirectLineStreamer"/>), and <c>POST /api/webchat/token</c>, which opens a conversation for the page and
/// gives it a token bound to it and the <c>domain</c> to talk to: ours, or Azure's in Azure Bot Service mode
/// (<see cref="AzureDirectLineTokens"/>). A missing, wrong or expired token gets 403; a conversation that does not
/// exist, 404; a client over its rate limit, 429.
/// </summary>
public static class DirectLineEndpoints
{
    public const string Base = "/v3/directline";
    private const int PageSize = 100;
    private const int MaxClientActivityId = 200;

    /// <summary>
    /// The routes, each under its rate limit and open to the allowed origins, and the middleware they need (CORS first,
    /// so that preflights and 429s carry its headers; WebSockets for the stream). With an Azure secret, only the token
    /// route: the page then talks to Azure's Direct Line, and no token for ours can be had.
    /// </summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
        var routes = app.MapGroup(string.Empty).RequireCors(DirectLineCors.Policy);
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.UsesAzure)
        {
            routes.MapPost("/api/webchat/token", OpenAtAzureAsync).RequireRateLimiting(DirectLineRateLimits.Tokens);
            return app;
        }

        app.UseWebSockets();
        routes.MapPost("/api/webchat/token", OpenAsync).RequireRateLimiting(DirectLineRateLimits.Tokens);
        routes.MapPost($"{Base}/tokens/refresh", Refresh).RequireRateLimiting(DirectLineRateLimits.Requests);
        routes.MapPost($"{Base}/conversations", StartAsync).RequireRateLimiting(DirectLineRateLimits.Requests);
        routes.MapGet($"{Base}/conversations/{{conversationId}}", ReconnectAsync).RequireRateLimiting(DirectLineRateLimits.Requests);
        routes.MapPost($"{Base}/conversations/{{conversationId}}/activities", PostAsync).RequireRateLimiting(DirectLineRateLimits.Messages);
        routes.MapGet($"{Base}/conversations/{{conversationId}}/activities", GetAsync).RequireRateLimiting(DirectLineRateLimits.Requests);
        routes.MapGet($"{Base}/conversations/{{conversationId}}/stream", (string conversationId, HttpContext http, DirectLineStreamer stream) => stream.ServeAsync(http, conversationId))
            .RequireRateLimiting(DirectLineRateLimits.Requests);
        return app;
    }

    /// <summary>
    /// A new conversation for a page, with a token for it, the user id the page will write as, and the Direct Line
    /// the page talks to (<c>domain</c>: ours).
    /// </summary>
    private static async Task<IResult> OpenAsync(HttpRequest request, DirectLineStore store, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var conversationId = NewId();
        var userId = $"dl_{NewId()}";
        await store.CreateAsync(conversationId, userId, cancellationToken);
        var token = tokens.Issue(conversationId, userId, Languages.FromLocale(request.Query["locale"]));
        return Json(new { conversationId, userId, token, expires_in = Seconds(tokens), domain = Domain(request) });
    }

    /// <summary>The same for Azure's Direct Line: its token and conversation, and its address as the <c>domain</c>.</summary>
    private static async Task<IResult> OpenAtAzureAsync(AzureDirectLineTokens azure, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        // Azure's enhanced authentication expects user ids that start with dl_.
        var userId = $"dl_{NewId()}";
        try
        {
            var token = await azure.GenerateAsync(userId, cancellationToken);
            return Json(new { conversationId = token.ConversationId, userId, token = token.Token, expires_in = token.ExpiresIn, domain = options.Value.AzureEndpoint.TrimEnd('/') });
        }
        catch (AzureDirectLineUnavailableException ex)
        {
            return Error((int)ex.Status, ex.Status == HttpStatusCode.ServiceUnavailable ? "ServiceUnavailable" : "BadGateway", ex.Message);
        }
    }

    private static IResult Refresh(HttpRequest request, DirectLineTokens tokens) =>
        tokens.Read(request.Headers.Authorization) is { } grant
            ? Json(new { conversationId = grant.ConversationId, token = tokens.Renew(grant), expires_in = Seconds(tokens) })
            : Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is missing, invalid or expired.");

    /// <summary>Starts the token's conversation; the bot hears the user join the first time only, so a reload does not greet again.</summary>
    private static async Task<IResult> StartAsync(HttpRequest request, DirectLineTokens tokens, DirectLineStore store, DirectLineAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        if (tokens.Read(request.Headers.Authorization) is not { } grant)
        {
            return Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is missing, invalid or expired.");
        }

        if (!await store.ExistsAsync(grant.ConversationId, cancellationToken))
        {
            return Error(StatusCodes.Status404NotFound, "BadArgument", "No such conversation.");
        }

        var created = (await store.SinceAsync(grant.ConversationId, 0, 1, cancellationToken)).Count == 0;
        if (created)
        {
            var joined = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                ChannelId = DirectLineAdapter.Channel,
                ServiceUrl = Domain(request),
                Conversation = new ConversationAccount(id: grant.ConversationId),
                From = new ChannelAccount(grant.UserId, role: RoleTypes.User),
                Recipient = DirectLineAdapter.BotAccount,
                MembersAdded = [new ChannelAccount(grant.UserId, role: RoleTypes.User)],
                Id = Guid.NewGuid().ToString("N"),
                Locale = grant.Language,
            };
            await adapter.ProcessAsync(joined, bot, cancellationToken);
        }

        var token = tokens.Renew(grant);
        return Json(new { conversationId = grant.ConversationId, token, expires_in = Seconds(tokens), streamUrl = StreamUrl(request, grant.ConversationId, token, watermark: null) }, created ? 201 : 200);
    }

    /// <summary>A new token and stream URL for the conversation; the stream replays what came after the watermark.</summary>
    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineStore store, CancellationToken cancellationToken)
    {
        var (grant, problem) = await AuthorizeAsync(conversationId, tokens.Read(request.Headers.Authorization), store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var token = tokens.Renew(grant!);
        return Json(new { conversationId, token, expires_in = Seconds(tokens), streamUrl = StreamUrl(request, conversationId, token, ActivitySet.ParseWatermark(watermark)) });
    }

    /// <summary>The page says something: it is stored (the page sees its own message come back) and the bot answers.</summary>
    private static async Task<IResult> PostAsync(string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineStore store, DirectLineAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        var (grant, problem) = await AuthorizeAsync(conversationId, tokens.Read(request.Headers.Authorization), store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        Activity? activity;
        try
        {
            using var reader = new StreamReader(request.Body);
            activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync(cancellationToken), new JsonSerializerSettings { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be an activity with a type.");
        }

        // The token says who is writing, whatever the activity claims.
        activity.From = new ChannelAccount(grant!.UserId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = DirectLineAdapter.BotAccount;
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.ChannelId = DirectLineAdapter.Channel;
        activity.ServiceUrl = Domain(request);
        activity.Timestamp = null;
        if (ClientActivityId(activity) is not (true, var clientActivityId))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"channelData.clientActivityID must be a string of at most {MaxClientActivityId} characters.");
        }

        var (stored, isNew) = await adapter.AppendOnceAsync(activity, clientActivityId, cancellationToken);
        if (isNew || stored.Type == ActivityTypes.Message)
        {
            // A repeated message runs again through the inbox, which ends it at once if its first turn finished (it
            // waits for a turn still running) and answers it if that turn never ran, as when the first post died with it.
            await adapter.ProcessAsync(stored, bot, cancellationToken);
        }

        return Json(new { id = stored.Id });
    }

    /// <summary>Web Chat's own id for what it posts, the same on a retry; (false, _) when it is not a short string.</summary>
    private static (bool Valid, string? Id) ClientActivityId(Activity activity) =>
        (activity.ChannelData as JObject)?["clientActivityID"] switch
        {
            null or { Type: JTokenType.Null } => (true, null),
            { Type: JTokenType.String } id when ((string)id!).Length is > 0 and <= MaxClientActivityId => (true, (string)id!),
            _ => (false, null),
        };

    private static async Task<IResult> GetAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineStore store, CancellationToken cancellationToken)
    {
        var (_, problem) = await AuthorizeAsync(conversationId, tokens.Read(request.Headers.Authorization), store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var after = ActivitySet.ParseWatermark(watermark);
        var activities = await store.SinceAsync(conversationId, after, PageSize, cancellationToken);
        return Results.Content(ActivitySet.Json(activities, activities.Count > 0 ? activities[^1].Id : after), "application/json");
    }

    /// <summary>The grant, if the token is valid and bound to this conversation, which exists; else the error to answer.</summary>
    internal static async Task<(DirectLineGrant? Grant, IResult? Problem)> AuthorizeAsync(
        string conversationId, DirectLineGrant? grant, DirectLineStore store, CancellationToken cancellationToken)
    {
        if (grant is null)
        {
            return (null, Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is missing, invalid or expired."));
        }

        if (!await store.ExistsAsync(conversationId, cancellationToken))
        {
            return (null, Error(StatusCodes.Status404NotFound, "BadArgument", "No such conversation."));
        }

        return grant.ConversationId == conversationId
            ? (grant, null)
            : (null, Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is for another conversation."));
    }

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int Seconds(DirectLineTokens tokens) => (int)tokens.Lifetime.TotalSeconds;

    /// <summary>This app's Direct Line, as the page reached it: the page's <c>domain</c> and the bot's service URL.</summary>
    private static string Domain(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Base}";

    /// <summary>
    /// Where the page opens the stream: ws:// or wss:// as the page reached us (behind a proxy that ends TLS, enable
    /// forwarded headers), the token in <c>t</c> since browsers cannot set headers on a WebSocket.
    /// </summary>
    private static string StreamUrl(HttpRequest request, string conversationId, string token, long? watermark) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}{request.PathBase}{Base}/conversations/{Uri.EscapeDataString(conversationId)}/stream?" +
        $"{(watermark is { } after ? $"watermark={after.ToString(CultureInfo.InvariantCulture)}&" : string.Empty)}t={Uri.EscapeDataString(token)}";

    private static IResult Json(object body, int status = StatusCodes.Status200OK) =>
        Results.Content(JsonConvert.SerializeObject(body), "application/json", null, status);

    internal static IResult Error(int status, string code, string message) =>
        Json(new { error = new { code, message } }, status);
}
