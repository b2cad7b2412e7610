using System.Security.Cryptography;
using System.Text;

namespace Bot.Testing;

/// <summary>
/// Twilio's documented webhook signature, written independently of the code under test: HMAC-SHA1, keyed by the auth
/// token, of the URL followed by every parameter name and value in name order, in base64.
/// </summary>
public static class TwilioSignatures
{
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio signs webhooks with HMAC-SHA1; the same must be computed here.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
