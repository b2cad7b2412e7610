using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Bot.Channels.WebChat;

/// <summary>
/// Per-client limits on web chat, per minute: tokens per client address (opening conversations costs a row each),
/// posts per conversation (each runs a bot turn), and the other Direct Line requests per conversation (polling,
/// reconnects, streams). A request over its limit gets 429 with <c>Retry-After</c>, and is not handled.
/// </summary>
public static class DirectLineRateLimits
{
    public const string Tokens = "directline-tokens";
    public const string Messages = "directline-messages";
    public const string Requests = "directline-requests";

    public static IServiceCollection AddDirectLineRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy<string, TokensPerClient>(Tokens);
            limiter.AddPolicy<string, MessagesPerConversation>(Messages);
            limiter.AddPolicy<string, RequestsPerConversation>(Requests);
        });

    /// <summary>Tokens per client address. Behind a proxy, enable forwarded headers, or every page shares the proxy's.</summary>
    private sealed class TokensPerClient(IOptions<DirectLineOptions> options) : PerMinute(options.Value.TokensPerMinutePerClient)
    {
        protected override string Key(HttpContext http) => ClientKey(http);
    }

    private sealed class MessagesPerConversation(IOptions<DirectLineOptions> options, DirectLineTokens tokens) : PerMinute(options.Value.MessagesPerMinutePerConversation)
    {
        protected override string Key(HttpContext http) => ConversationKey(http, tokens);
    }

    private sealed class RequestsPerConversation(IOptions<DirectLineOptions> options, DirectLineTokens tokens) : PerMinute(options.Value.RequestsPerMinutePerConversation)
    {
        protected override string Key(HttpContext http) => ConversationKey(http, tokens);
    }

    private abstract class PerMinute(int permits) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(Key(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

        protected abstract string Key(HttpContext http);
    }

    /// <summary>The conversation the request's token is for; a request without a valid token counts against its address.</summary>
    private static string ConversationKey(HttpContext http, DirectLineTokens tokens) =>
        (tokens.Read(http.Request.Headers.Authorization) ?? tokens.ReadToken(http.Request.Query["t"])) is { } grant
            ? $"conversation:{grant.ConversationId}"
            : ClientKey(http);

    private static string ClientKey(HttpContext http) => $"client:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await response.WriteAsync(
            JsonConvert.SerializeObject(new { error = new { code = "TooManyRequests", message = "Too many requests: wait as Retry-After says, then try again." } }),
            cancellationToken);
    }
}
