using System.Net;
using Bot.Outbox;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Extensions.Http;

namespace Bot.Channels.Sms;

public static partial class SmsServiceCollectionExtensions
{
    /// <summary>
    /// SMS through Twilio: the webhooks, the adapter, the inbox processor, the MMS photo fetcher, and the outbox worker's Twilio sender over a
    /// resilient HTTP client. All of it stays idle, and the webhooks unmapped, unless <c>Twilio:AccountSid</c> is set.
    /// </summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();

        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<TwilioAdapter>();
        services.AddSingleton<SmsInboxProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<SmsInboxProcessor>());
        services.AddSingleton<SmsMediaFetcher>();
        services.AddHostedService(provider => provider.GetRequiredService<SmsMediaFetcher>());
        services.AddSingleton<IOutboxSender, TwilioSender>();
        services.AddOutbox(configuration);
        services.AddTransient<TwilioApiBaseHandler>();
        services.AddHttpClient(TwilioSender.HttpClientName)
            .AddHttpMessageHandler<TwilioApiBaseHandler>()
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(30)))
            .AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError()
                .OrResult(response => response.StatusCode == HttpStatusCode.TooManyRequests)
                .WaitAndRetryAsync(3, RetryDelay, (_, _, _, _) => Task.CompletedTask))
            .AddPolicyHandler(HttpPolicyExtensions.HandleTransientHttpError()
                .CircuitBreakerAsync(10, TimeSpan.FromSeconds(30)))
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(10)));
        services.AddHttpClient(SmsMediaFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<TwilioApiBaseHandler>()
            .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(TimeSpan.FromSeconds(60)));
        return services;
    }

    /// <summary>The webhooks, when SMS is on.</summary>
    public static IEndpointRouteBuilder MapSmsIfEnabled(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
        if (options.Enabled)
        {
            endpoints.MapSms();
            if (!options.ValidateSignatures)
            {
                LogSignaturesOff(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SmsEndpoints)));
            }
        }

        return endpoints;
    }

    /// <summary>Twilio's Retry-After on 429 when it gives one, else short jittered delays.</summary>
    private static TimeSpan RetryDelay(int attempt, DelegateResult<HttpResponseMessage> outcome, Context context) =>
        outcome.Result?.Headers.RetryAfter?.Delta is { } after && after < TimeSpan.FromSeconds(30)
            ? after
            : TimeSpan.FromMilliseconds((100 * Math.Pow(2, attempt)) + Random.Shared.Next(0, 100));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio signatures are NOT checked (Twilio:ValidateSignatures=false): anyone can post texts. Development only.")]
    private static partial void LogSignaturesOff(ILogger logger);
}
