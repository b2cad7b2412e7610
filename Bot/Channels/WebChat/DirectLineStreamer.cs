using System.Net.WebSockets;
using System.Text;
using Bot.Data.WebChat;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>
/// <c>GET /v3/directline/conversations/{id}/stream?t=TOKEN&amp;watermark=N</c>: the WebSocket Web Chat reads a
/// conversation from instead of polling. It sends what came after the watermark, then each activity as it is appended
/// (woken by <see cref="DirectLineSignal"/> in this process, and looking at the store every
/// <see cref="DirectLineOptions.StreamPollInterval"/> for what other instances append), as ActivitySet text frames;
/// an empty frame when nothing was sent for <see cref="DirectLineOptions.StreamKeepAliveInterval"/>. It closes when the
/// token expires and when the app stops; Web Chat then asks for a new stream URL and reconnects from its watermark.
/// </summary>
public sealed partial class DirectLineStreamer(
    DirectLineTokens tokens,
    DirectLineStore store,
    DirectLineSignal signal,
    IOptions<DirectLineOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DirectLineStreamer> logger)
{
    private const int PageSize = 100;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks the token before anything is upgraded (403 or 404 as the other routes), then streams.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, string conversationId)
    {
        var grant = tokens.ReadToken(http.Request.Query["t"]) ?? tokens.Read(http.Request.Headers.Authorization);
        var (_, problem) = await DirectLineEndpoints.AuthorizeAsync(conversationId, grant, store, http.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream is a WebSocket: connect with an upgrade request.");
        }

        var watermark = ActivitySet.ParseWatermark(http.Request.Query["watermark"]);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        LogOpened(logger, conversationId, watermark);
        var closedBy = await StreamAsync(socket, conversationId, watermark, grant!.Expires, http.RequestAborted);
        LogClosed(logger, conversationId, closedBy);
        return Results.Empty;
    }

    private async Task<string> StreamAsync(WebSocket socket, string conversationId, long watermark, DateTimeOffset expires, CancellationToken aborted)
    {
        using var subscription = signal.Subscribe(conversationId);
        using var clientClosed = new CancellationTokenSource();
        var receiving = ReceiveUntilClosedAsync(socket, clientClosed, aborted);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping, clientClosed.Token);
        (WebSocketCloseStatus Status, string Reason)? close = null;
        try
        {
            close = await PushAsync(socket, subscription, watermark, expires, ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The connection broke under a send: nothing to close.
            return "connection lost";
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            close ??= (WebSocketCloseStatus.EndpointUnavailable, "The desk is restarting: reconnect.");
        }

        try
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return "the client";
            }

            if (close is { } reason && socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(reason.Status, reason.Reason, CancellationToken.None);
                await receiving.WaitAsync(CloseHandshakeTimeout, time, CancellationToken.None);
                return reason.Reason;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException)
        {
            socket.Abort();
        }

        return clientClosed.IsCancellationRequested ? "the client" : "connection lost";
    }

    /// <summary>Sends what is new until the stream should end; returns why it should close, or throws when cancelled.</summary>
    private async Task<(WebSocketCloseStatus, string)> PushAsync(
        WebSocket socket, DirectLineSignal.Subscription subscription, long watermark, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lastSent = time.GetUtcNow();
        while (true)
        {
            IReadOnlyList<StoredActivity> page;
            do
            {
                page = await store.SinceAsync(subscription.ConversationId, watermark, PageSize, cancellationToken);
                if (page.Count > 0)
                {
                    watermark = page[^1].Id;
                    await SendAsync(socket, ActivitySet.Json(page, watermark), cancellationToken);
                    lastSent = time.GetUtcNow();
                }
            }
            while (page.Count == PageSize);

            var now = time.GetUtcNow();
            if (now >= expires)
            {
                return (WebSocketCloseStatus.PolicyViolation, "The token expired: reconnect with a new one.");
            }

            if (now - lastSent >= settings.StreamKeepAliveInterval)
            {
                // An empty frame: Web Chat ignores it, and proxies see a live connection.
                await SendAsync(socket, string.Empty, cancellationToken);
                lastSent = now;
            }

            var wait = Min(settings.StreamPollInterval, lastSent + settings.StreamKeepAliveInterval - now, expires - now);
            using var timer = new CancellationTokenSource(wait, time);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            await subscription.WaitAsync(waiting.Token);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reads what the client sends (Web Chat's own keep-alives, then its close) until the connection ends.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource clientClosed, CancellationToken aborted)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            await clientClosed.CancelAsync();
        }
    }

    private static ValueTask SendAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static TimeSpan Min(TimeSpan first, TimeSpan second, TimeSpan third)
    {
        var least = first < second ? first : second;
        least = least < third ? least : third;
        return least > TimeSpan.Zero ? least : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line stream opened on conversation {ConversationId} after watermark {Watermark}")]
    private static partial void LogOpened(ILogger logger, string conversationId, long watermark);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line stream on conversation {ConversationId} closed: {ClosedBy}")]
    private static partial void LogClosed(ILogger logger, string conversationId, string closedBy);
}
