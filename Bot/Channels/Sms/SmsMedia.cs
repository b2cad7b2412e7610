using System.Globalization;
using Bot.Data.Conversations;

namespace Bot.Channels.Sms;

/// <summary>The files announced in an inbound Twilio form: <c>NumMedia</c>, then <c>MediaUrlN</c> and <c>MediaContentTypeN</c>.</summary>
public static class SmsMedia
{
    /// <summary>Twilio delivers at most ten files with one message.</summary>
    public const int MaxFiles = 10;

    /// <summary>The announced files, or a problem that makes the form malformed.</summary>
    public static (IReadOnlyList<NewAttachment> Files, string? Problem) Read(IFormCollection form)
    {
        var declared = form["NumMedia"];
        if (declared.Count == 0 || string.IsNullOrEmpty(declared.ToString()))
        {
            return ([], null);
        }

        if (declared.Count > 1 || !int.TryParse(declared.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxFiles)
        {
            return ([], $"NumMedia must be a whole number from 0 to {MaxFiles}.");
        }

        var files = new List<NewAttachment>(count);
        for (var i = 0; i < count; i++)
        {
            var url = form[$"MediaUrl{i}"];
            if (url.Count != 1 || !Uri.TryCreate(url.ToString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return ([], $"MediaUrl{i} must be one absolute http(s) URL.");
            }

            var type = form[$"MediaContentType{i}"].ToString();
            files.Add(new NewAttachment(uri.AbsoluteUri, string.IsNullOrWhiteSpace(type) ? "application/octet-stream" : type.Trim().ToLowerInvariant()));
        }

        return (files, null);
    }
}
