using Twilio.Exceptions;

namespace Bot.Outbox;

/// <summary>How often and how long the outbox retries: doubling delays with jitter, capped at five minutes.</summary>
public sealed class RetryPolicy(int maxAttempts, TimeSpan baseDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    public int MaxAttempts { get; } = maxAttempts;

    public TimeSpan Delay(int attempt)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    /// <summary>A failure as it is kept on the message: the provider's status and code, never personal data.</summary>
    public string Describe(Exception exception) => exception switch
    {
        ApiException api => $"provider answered {api.Status} (code {api.Code})",
        HttpRequestException http => $"provider unreachable ({http.StatusCode?.ToString() ?? http.HttpRequestError.ToString()})",
        _ => exception.GetType().Name,
    };
}
