namespace Bot.Channels.WebChat;

/// <summary>
/// Web chat through Direct Line 3.0 (<c>DirectLine</c>): the app's own, or Azure Bot Service's when
/// <see cref="Secret"/> is set. Validated by <see cref="DirectLineOptionsValidator"/>.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>How long a token lasts; the page refreshes it before then.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an open stream looks at the store for what another instance appended.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stream may send nothing before it sends an empty frame, so that proxies keep it open.</summary>
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tokens <c>POST /api/webchat/token</c> gives one client address a minute.</summary>
    public int TokensPerMinutePerClient { get; set; } = 20;

    /// <summary>Activities one conversation may post a minute (each runs a bot turn).</summary>
    public int MessagesPerMinutePerConversation { get; set; } = 60;

    /// <summary>Other Direct Line requests one conversation may make a minute (Web Chat polls once a second without a stream).</summary>
    public int RequestsPerMinutePerConversation { get; set; } = 300;

    /// <summary>
    /// Origins (<c>https://www.district.org</c>) whose pages may call the Direct Line and token routes; empty means
    /// only the app's own pages.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// The Azure Bot's Direct Line secret. Set, the token route gets tokens from Azure (<see cref="AzureEndpoint"/>)
    /// and the page talks to Azure; the app's own <c>/v3/directline</c> routes are then not served.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Azure's Direct Line, ending in <c>/v3/directline</c> (a regional one for a regional bot).</summary>
    public string AzureEndpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);
}
