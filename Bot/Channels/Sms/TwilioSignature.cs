using System.Collections.Specialized;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Bot.Channels.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with Twilio's own validator against the configured public URL plus the request's
/// path and query: the URL Twilio called, whatever proxies say.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> options)
{
    public const string Header = "X-Twilio-Signature";

    public bool IsValid(HttpRequest request, IFormCollection form)
    {
        var settings = options.Value;
        if (!settings.ValidateSignatures)
        {
            return true;
        }

        var signature = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var url = settings.WebhookBaseUrl!.TrimEnd('/') + request.Path + request.QueryString;
        var parameters = new NameValueCollection();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                parameters.Add(key, value);
            }
        }

        return new RequestValidator(settings.AuthToken).Validate(url, parameters, signature);
    }
}
