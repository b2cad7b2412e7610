namespace Bot.Channels.WebChat;

/// <summary>Web chat through the app's own Direct Line 3.0 (<c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>How long a token lasts; the page refreshes it before then.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
