using System.Security.Cryptography;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>
/// Posts webhooks as Twilio does: form-encoded, signed with HMAC-SHA1 of the URL followed by every parameter name and
/// value in name order, keyed by the auth token, in base64 (Twilio's documented scheme, written here independently of
/// the code under test).
/// </summary>
internal sealed class TwilioWebhooks(HttpClient client, string authToken, string publicBaseUrl)
{
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio signs webhooks with HMAC-SHA1; the test must compute the same.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }

    public Task<HttpResponseMessage> TextAsync(string from, string body, string? sid = null, string to = "+15555550000") =>
        PostAsync("/api/sms", new Dictionary<string, string>
        {
            ["MessageSid"] = sid ?? $"SM{Guid.NewGuid():N}",
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["NumSegments"] = "1",
            ["SmsStatus"] = "received",
            ["ApiVersion"] = "2010-04-01",
        });

    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> form, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? Sign(publicBaseUrl + path, form, authToken));
        return client.SendAsync(request);
    }
}
