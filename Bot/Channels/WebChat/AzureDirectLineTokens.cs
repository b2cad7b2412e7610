using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.CircuitBreaker;
using Polly.Extensions.Http;
using Polly.Timeout;

namespace Bot.Channels.WebChat;

/// <summary>
/// Azure Bot Service mode (<see cref="DirectLineOptions.Secret"/> set): exchanges the Direct Line secret for a token
/// bound to a new conversation at Azure's <c>POST {AzureEndpoint}/tokens/generate</c>, server-side, so the page only
/// ever sees the token. The secret is never returned or logged.
/// </summary>
public sealed partial class AzureDirectLineTokens(IHttpClientFactory httpClients, IOptions<DirectLineOptions> options, ILogger<AzureDirectLineTokens> logger)
{
    public const string HttpClientName = "azure-directline";

    /// <summary>The client for Azure's Direct Line: retries with jitter, a circuit breaker, and timeouts short enough for a page that waits.</summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName)
            .RedactLoggedHeaders([HeaderNames.Authorization])
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(20)))
            .AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError()
                .Or<TimeoutRejectedException>()
                .WaitAndRetryAsync(2, attempt => TimeSpan.FromMilliseconds((200 * attempt) + Random.Shared.Next(0, 100))))
            .AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError()
                .CircuitBreakerAsync(5, TimeSpan.FromSeconds(30)))
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(5)));

    /// <summary>A token for a new conversation in which <paramref name="userId"/> (a <c>dl_</c> id) writes.</summary>
    /// <exception cref="AzureDirectLineUnavailableException">Azure could not be reached, or refused or failed the request.</exception>
    public async Task<AzureDirectLineToken> GenerateAsync(string userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.AzureEndpoint.TrimEnd('/')}/tokens/generate")
        {
            Content = new StringContent(JsonConvert.SerializeObject(new { user = new { id = userId } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, ex.GetType().Name);
            throw new AzureDirectLineUnavailableException(HttpStatusCode.ServiceUnavailable, "Web chat cannot reach Azure's Direct Line right now. Try again in a few minutes.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // A refused secret (403) is a configuration problem; anything else, Azure's. Either way the page cannot chat.
                LogRefused(logger, (int)response.StatusCode);
                throw new AzureDirectLineUnavailableException(HttpStatusCode.BadGateway, "Azure's Direct Line refused to open a web chat. The desk has been told; try again later.");
            }

            var body = JsonConvert.DeserializeObject<JObject>(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body?.Value<string>("conversationId") is not { Length: > 0 } conversationId
                || body.Value<string>("token") is not { Length: > 0 } token
                || body.Value<int?>("expires_in") is not { } expiresIn)
            {
                LogMalformed(logger);
                throw new AzureDirectLineUnavailableException(HttpStatusCode.BadGateway, "Azure's Direct Line gave an answer the desk does not understand. Try again later.");
            }

            return new AzureDirectLineToken(conversationId, token, expiresIn);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Azure's Direct Line for a web chat token: {ExceptionType}")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure's Direct Line answered {Status} to a token request; check DirectLine:Secret and DirectLine:AzureEndpoint")]
    private static partial void LogRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure's Direct Line answered a token request without conversationId, token or expires_in")]
    private static partial void LogMalformed(ILogger logger);
}

/// <summary>Azure's answer to <c>tokens/generate</c>.</summary>
public sealed record AzureDirectLineToken(string ConversationId, string Token, int ExpiresIn);

/// <summary>No token from Azure: <see cref="Status"/> is what the page gets (502 refused or failed, 503 unreachable).</summary>
public sealed class AzureDirectLineUnavailableException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
