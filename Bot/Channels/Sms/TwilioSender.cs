using System.Collections.Concurrent;
using Bot.Outbox;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Bot.Channels.Sms;

/// <summary>
/// Sends a text through Twilio's Messages API with Twilio's own library, over an <see cref="IHttpClientFactory"/>
/// client (Polly retries, circuit breaker, timeout) aimed at <c>Twilio:ApiBaseUrl</c>; paces each sending number.
/// </summary>
public sealed class TwilioSender(IHttpClientFactory httpClients, IOptions<TwilioOptions> options, TimeProvider time) : IOutboxSender
{
    public const string HttpClientName = "twilio";

    private readonly ConcurrentDictionary<string, Pacer> pacers = new(StringComparer.Ordinal);

    public string Channel => TwilioAdapter.Channel;

    public bool Enabled => options.Value.Enabled;

    public Task PaceAsync(string sender, string body, CancellationToken cancellationToken) =>
        pacers.GetOrAdd(sender, _ => new Pacer(options.Value.SegmentsPerSecond, time)).WaitAsync(SmsSegments.Count(body), cancellationToken);

    public async Task<string> SendAsync(string sender, string address, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        var message = await MessageResource.CreateAsync(
            new CreateMessageOptions(new PhoneNumber(address))
            {
                From = new PhoneNumber(sender),
                Body = body,
                StatusCallback = new Uri(settings.WebhookBaseUrl!.TrimEnd('/') + SmsEndpoints.StatusPath),
            },
            client);
        return message.Sid;
    }

    /// <summary>Spaces sends from one number so that segments leave at the allowed rate: each send books the next free slot.</summary>
    private sealed class Pacer(double segmentsPerSecond, TimeProvider time)
    {
        private readonly Lock slots = new();
        private DateTimeOffset next = DateTimeOffset.MinValue;

        public async Task WaitAsync(int segments, CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (slots)
            {
                var now = time.GetUtcNow();
                var start = next > now ? next : now;
                next = start + TimeSpan.FromSeconds(segments / segmentsPerSecond);
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }
    }
}
