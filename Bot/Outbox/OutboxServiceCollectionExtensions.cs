using Bot.Channels.Sms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>The delivery worker and its retry policy; each channel that needs it registers an <see cref="IOutboxSender"/>.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton(provider =>
        {
            var twilio = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;
            return new RetryPolicy(twilio.MaxAttempts, twilio.RetryBaseDelay);
        });
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
