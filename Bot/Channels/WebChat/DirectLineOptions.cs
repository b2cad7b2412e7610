namespace Bot.Channels.WebChat;

/// <summary>Web chat through the app's own Direct Line 3.0 (<c>DirectLine</c>); validated by <see cref="DirectLineOptionsValidator"/>.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>How long a token lasts; the page refreshes it before then.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an open stream looks at the store for what another instance appended.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stream may send nothing before it sends an empty frame, so that proxies keep it open.</summary>
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
