using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>Points Twilio's library, which always calls api.twilio.com, at <c>Twilio:ApiBaseUrl</c> (a regional edge, or a test's server).</summary>
internal sealed class TwilioApiBaseHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new Uri(options.Value.ApiBaseUrl);
        if (request.RequestUri is { } uri && uri.Host.EndsWith("twilio.com", StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
