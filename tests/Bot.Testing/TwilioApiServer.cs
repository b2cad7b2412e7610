using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing;

/// <summary>
/// A local HTTP server that plays Twilio's Messages API as its library calls it: <c>POST
/// /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with a form and Basic authentication, answering 201 with a
/// message resource, or Twilio's error JSON. It can be told to fail for a while. It also serves MMS media as Twilio
/// does: <c>GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}</c> with Basic authentication
/// answers 302 to the file in storage (which refuses requests that carry credentials), and <c>DELETE …/{MediaSid}.json</c>
/// answers 204.
/// </summary>
public sealed class TwilioApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<SentSms> sent = Channel.CreateUnbounded<SentSms>();
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> failures = new();
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Content)> media = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> mediaRequests = new();
    private readonly ConcurrentQueue<int> mediaFailures = new();
    private readonly ConcurrentBag<string> deletedMedia = [];
    private int nextSid;
    private int nextMediaSid;
    private int requests;

    private TwilioApiServer(WebApplication app, string accountSid, string authToken)
    {
        this.app = app;
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    public string AccountSid { get; }

    public string AuthToken { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, failed ones included.</summary>
    public int Requests => requests;

    public static async Task<TwilioApiServer> StartAsync(string accountSid = "AC00000000000000000000000000000001", string authToken = "test-auth-token")
    {
        var server = new TwilioApiServer(LoopbackServer.Create(), accountSid, authToken);
        server.app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", server.CreateMessageAsync);
        server.app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", server.GetMedia);
        server.app.MapDelete("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}.json", server.DeleteMedia);
        server.app.MapGet("/storage/{mediaSid}", server.GetStoredMedia);
        var address = await LoopbackServer.StartAsync(server.app);
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>
    /// Holds a file as Twilio holds an MMS photo, and returns its MediaUrl as Twilio's webhook gives it (on
    /// api.twilio.com: the app's <c>Twilio:ApiBaseUrl</c> points those requests here).
    /// </summary>
    public string AddMedia(string messageSid, string contentType, byte[] content)
    {
        var sid = $"ME{Interlocked.Increment(ref nextMediaSid):D32}";
        media[sid] = (contentType, content);
        return $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{sid}";
    }

    /// <summary>The next <paramref name="count"/> media fetches fail with <paramref name="status"/>.</summary>
    public void FailNextMedia(int count, int status)
    {
        for (var i = 0; i < count; i++)
        {
            mediaFailures.Enqueue(status);
        }
    }

    /// <summary>Every media request, as "GET /path (credentials|no credentials)", in order.</summary>
    public IReadOnlyList<string> MediaRequests => [.. mediaRequests];

    /// <summary>The media sids deleted through the API.</summary>
    public IReadOnlyCollection<string> DeletedMedia => [.. deletedMedia];

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> (and Retry-After, for 429).</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>The next text accepted, or a <see cref="TimeoutException"/>.</summary>
    public async Task<SentSms> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            return await sent.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No text reached the Twilio API in time.");
        }
    }

    public int Pending => sent.Reader.Count;

    private async Task<IResult> CreateMessageAsync(HttpContext context, string accountSid)
    {
        Interlocked.Increment(ref requests);
        if (!IsAuthorised(context, accountSid))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Error(failure.Status, failure.Status == 429 ? 20429 : 20500, failure.Status == 429 ? "Too Many Requests" : "Internal Server Error");
        }

        var form = await context.Request.ReadFormAsync();
        var sid = $"SM{Interlocked.Increment(ref nextSid):D32}";
        var message = new SentSms(sid, form["To"].ToString(), form["From"].ToString(), form["Body"].ToString(), form["StatusCallback"].ToString());
        await sent.Writer.WriteAsync(message);
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = AccountSid,
            ["to"] = message.To,
            ["from"] = message.From,
            ["body"] = message.Body,
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["num_media"] = "0",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["error_code"] = null,
            ["error_message"] = null,
            ["messaging_service_sid"] = null,
            ["date_created"] = now,
            ["date_updated"] = now,
            ["date_sent"] = null,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}/Media.json" },
        }, statusCode: 201);
    }

    private IResult GetMedia(HttpContext context, string accountSid, string mediaSid)
    {
        var authorised = IsAuthorised(context, accountSid);
        mediaRequests.Enqueue($"GET {context.Request.Path} ({(authorised ? "credentials" : "no credentials")})");
        if (!authorised)
        {
            return Error(401, 20003, "Authenticate");
        }

        if (mediaFailures.TryDequeue(out var status))
        {
            return Error(status, 20500, "Internal Server Error");
        }

        return media.ContainsKey(mediaSid) && !deletedMedia.Contains(mediaSid)
            ? Results.Redirect($"/storage/{mediaSid}")
            : Error(404, 20404, "The requested resource was not found");
    }

    private IResult GetStoredMedia(HttpContext context, string mediaSid)
    {
        var hasCredentials = context.Request.Headers.Authorization.Count > 0;
        mediaRequests.Enqueue($"GET {context.Request.Path} ({(hasCredentials ? "credentials" : "no credentials")})");
        if (hasCredentials)
        {
            return Results.Text("Only one auth mechanism allowed", statusCode: 400);
        }

        return media.TryGetValue(mediaSid, out var file) ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound();
    }

    private IResult DeleteMedia(HttpContext context, string accountSid, string mediaSid)
    {
        if (!IsAuthorised(context, accountSid))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (!media.ContainsKey(mediaSid))
        {
            return Error(404, 20404, "The requested resource was not found");
        }

        deletedMedia.Add(mediaSid);
        return Results.NoContent();
    }

    private bool IsAuthorised(HttpContext context, string accountSid) =>
        accountSid == AccountSid
        && context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    private static IResult Error(int status, int code, string message) => Results.Json(
        new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status },
        statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record SentSms(string Sid, string To, string From, string Body, string StatusCallback);
