namespace Bot.Knowledge;

/// <summary>
/// Where people reach the desk from outside (<c>Desk:PublicUrl</c>): links the desk sends, such as a shared article's
/// page in a text, start with it. Empty means <c>Twilio:WebhookBaseUrl</c>, which is the same public address when SMS is on.
/// </summary>
public sealed class HelpLinkOptions
{
    public const string Section = "Desk";

    /// <summary>The desk's public base URL, https (http only for a loopback host, for trying it locally).</summary>
    public string? PublicUrl { get; set; }
}
