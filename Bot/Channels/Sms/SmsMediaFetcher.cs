using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Data.Conversations;
using Bot.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

/// <summary>
/// Fetches the photos people text (MMS) from Twilio and keeps them with their message, and so with its ticket. Only
/// Twilio's own addresses are fetched, with the account's credentials on the first request alone (never on the
/// redirect to Twilio's storage); each file is size-checked while it streams and type-checked by its first bytes.
/// A kept file is then deleted at Twilio, which otherwise keeps it for good. A fetch that fails is retried later;
/// after the last attempt the file is rejected with the reason, which shows on the ticket.
/// </summary>
public sealed partial class SmsMediaFetcher(
    AttachmentStore attachments,
    IHttpClientFactory httpClients,
    RetryPolicy retries,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<SmsMediaFetcher> logger) : BackgroundService
{
    public const string HttpClientName = "twilio-media";

    private const int Batch = 20;
    private const int MaxRedirects = 3;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private readonly OutboxSignal signal = new();

    /// <summary>Says a message with files was stored; fetching starts soon after.</summary>
    public void Notify() => signal.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await attachments.DueAsync(time.GetUtcNow(), Batch, stoppingToken) is { Count: > 0 } due)
                {
                    foreach (var file in due)
                    {
                        await FetchAsync(file, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().FullName);
            }

            await signal.WaitAsync(Idle, stoppingToken);
        }
    }

    private async Task FetchAsync(PendingAttachment file, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!PhotoTypes.Accepted.Contains(file.DeclaredType))
        {
            await RejectAsync(file, $"not a photo ({file.DeclaredType}); not fetched", cancellationToken);
            return;
        }

        var source = new Uri(file.SourceUrl);
        if (!IsTwilio(source, settings))
        {
            await RejectAsync(file, $"not a Twilio media address ({source.Host}); not fetched", cancellationToken);
            return;
        }

        try
        {
            var fetched = await DownloadAsync(source, settings, cancellationToken);
            if (fetched.Rejection is { } reason)
            {
                await RejectAsync(file, reason, cancellationToken);
                return;
            }

            await attachments.MarkStoredAsync(file.Id, fetched.ContentType!, fetched.Content!, time.GetUtcNow(), cancellationToken);
            if (settings.DeleteMediaAfterDownload)
            {
                await DeleteAtTwilioAsync(source, settings, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var attempt = file.Attempts + 1;
            var error = retries.Describe(ex);
            if (attempt >= retries.MaxAttempts)
            {
                await RejectAsync(file, $"could not be fetched after {attempt} attempts: {error}", cancellationToken);
                return;
            }

            await attachments.RetryLaterAsync(file.Id, time.GetUtcNow() + retries.Delay(attempt), error, cancellationToken);
        }
    }

    /// <summary>The file's bytes and type, or why it is not kept. Transient failures throw.</summary>
    private async Task<(string? ContentType, byte[]? Content, string? Rejection)> DownloadAsync(Uri source, TwilioOptions settings, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var request = new HttpRequestMessage(HttpMethod.Get, source);
        request.Headers.Authorization = Credentials(settings);
        for (var hop = 0; ; hop++)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            request.Dispose();
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (hop == MaxRedirects)
                {
                    return (null, null, "too many redirects");
                }

                // Twilio answers with a redirect to its storage: that request carries no credentials.
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(response.RequestMessage!.RequestUri!, location));
                continue;
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"media fetch answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"Twilio answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > settings.MaxMediaBytes)
            {
                return (null, null, TooLarge(settings));
            }

            var content = await ReadAtMostAsync(response.Content, settings.MaxMediaBytes, cancellationToken);
            if (content is null)
            {
                return (null, null, TooLarge(settings));
            }

            return PhotoTypes.Sniff(content) is { } type
                ? (type, content, null)
                : (null, null, $"not a photo: the file's contents are not {response.Content.Headers.ContentType?.MediaType ?? "an image"}");
        }
    }

    private async Task DeleteAtTwilioAsync(Uri source, TwilioOptions settings, CancellationToken cancellationToken)
    {
        var resource = source.AbsolutePath.EndsWith(".json", StringComparison.Ordinal) ? source : new Uri(source.GetLeftPart(UriPartial.Path) + ".json");
        using var request = new HttpRequestMessage(HttpMethod.Delete, resource);
        request.Headers.Authorization = Credentials(settings);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                LogNotDeleted(logger, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException ex)
        {
            LogNotDeleted(logger, (int?)ex.StatusCode ?? 0);
        }
    }

    private Task RejectAsync(PendingAttachment file, string reason, CancellationToken cancellationToken)
    {
        LogRejected(logger, file.Id, reason);
        return attachments.MarkRejectedAsync(file.Id, reason, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Twilio's media lives on api.twilio.com (or the configured regional edge); nothing else gets the credentials.</summary>
    private static bool IsTwilio(Uri source, TwilioOptions settings)
    {
        var api = new Uri(settings.ApiBaseUrl);
        return (source.Scheme == Uri.UriSchemeHttps && source.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase))
            || (source.Scheme == api.Scheme && string.Equals(source.Authority, api.Authority, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static AuthenticationHeaderValue Credentials(TwilioOptions settings) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));

    private static string TooLarge(TwilioOptions settings) => settings.MaxMediaBytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"larger than {settings.MaxMediaBytes / (1024 * 1024.0):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"larger than {settings.MaxMediaBytes / 1024.0:0.#} KB");

    /// <summary>The body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {Id} was not kept: {Reason}")]
    private static partial void LogRejected(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A kept photo could not be deleted at Twilio (status {Status}); delete it in the Twilio console")]
    private static partial void LogNotDeleted(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The MMS fetcher failed with {ExceptionType}; it retries shortly")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}
