using Bot.Testing;

namespace Bot.Tests.Support;

/// <summary>Posts webhooks as Twilio does: form-encoded and signed (<see cref="TwilioSignatures"/>).</summary>
internal sealed class TwilioWebhooks(HttpClient client, string authToken, string publicBaseUrl)
{
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

    /// <summary>An MMS: the text and its files, as Twilio's MediaUrlN and MediaContentTypeN.</summary>
    public Task<HttpResponseMessage> MediaAsync(string from, string body, string sid, params (string Url, string ContentType)[] files)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = from,
            ["To"] = "+15555550000",
            ["Body"] = body,
            ["NumMedia"] = files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NumSegments"] = "1",
            ["SmsStatus"] = "received",
            ["ApiVersion"] = "2010-04-01",
        };
        for (var i = 0; i < files.Length; i++)
        {
            form[$"MediaUrl{i}"] = files[i].Url;
            form[$"MediaContentType{i}"] = files[i].ContentType;
        }

        return PostAsync("/api/sms", form);
    }

    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> form, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignatures.Sign(publicBaseUrl + path, form, authToken));
        return client.SendAsync(request);
    }
}
