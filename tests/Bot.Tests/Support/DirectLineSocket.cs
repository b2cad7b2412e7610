using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>
/// Reads a Direct Line stream as Web Chat does, over a real <see cref="ClientWebSocket"/>: text frames holding
/// ActivitySets, empty frames to ignore, and the server's close.
/// </summary>
internal sealed class DirectLineSocket : IAsyncDisposable
{
    private readonly ClientWebSocket socket;

    private DirectLineSocket(ClientWebSocket socket) => this.socket = socket;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public string? CloseReason => socket.CloseStatusDescription;

    /// <summary>Every activity received so far, in order.</summary>
    public List<JsonNode> Activities { get; } = [];

    public string? Watermark { get; private set; }

    public int EmptyFrames { get; private set; }

    public static async Task<DirectLineSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), Timeout(10));
        return new DirectLineSocket(socket);
    }

    /// <summary>The HTTP status that refused the upgrade.</summary>
    public static async Task<HttpStatusCode> RefusalAsync(string streamUrl)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(streamUrl), Timeout(10)));
        return socket.HttpStatusCode;
    }

    /// <summary>Reads frames until an activity matches, or fails after <paramref name="seconds"/>.</summary>
    public async Task<JsonNode> UntilAsync(Func<JsonNode, bool> match, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!Activities.Any(match))
        {
            if (!await NextFrameAsync(timeout.Token))
            {
                Assert.Fail($"The stream closed ({CloseStatus}: {CloseReason}) before the activity arrived.");
            }
        }

        return Activities.First(match);
    }

    /// <summary>Reads frames until the server closes the stream, or fails after <paramref name="seconds"/>.</summary>
    public async Task UntilClosedAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (await NextFrameAsync(timeout.Token))
        {
        }
    }

    /// <summary>Reads frames for a while, keeping what arrives.</summary>
    public async Task ListenAsync(TimeSpan duration)
    {
        using var timeout = new CancellationTokenSource(duration);
        try
        {
            while (await NextFrameAsync(timeout.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The socket is aborted when a receive is cancelled; the test has what it came for.
        }
    }

    /// <summary>One whole message: false when it was the server's close (answered, as a client does).</summary>
    private async Task<bool> NextFrameAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        if (received.MessageType == WebSocketMessageType.Close)
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }

            return false;
        }

        var text = Encoding.UTF8.GetString(message.ToArray());
        if (text.Length == 0)
        {
            EmptyFrames++;
            return true;
        }

        var set = JsonNode.Parse(text)!;
        Activities.AddRange(set["activities"]!.AsArray().Select(a => a!.DeepClone()));
        Watermark = (string?)set["watermark"];
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Timeout(5));
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        socket.Dispose();
    }

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
