namespace Bot.Channels.WebChat;

/// <summary>
/// How the caregivers' page at <c>/</c> shows the district (<c>WebChat:Page</c>). The hours shown are the desk's
/// business hours (<c>Desk:Calendar</c>), the ones response targets count.
/// </summary>
public sealed class WebChatPageOptions
{
    public const string Section = "WebChat:Page";

    public string DistrictName { get; set; } = "Maple Valley Sample School District";

    /// <summary>A path on this app (the page makes no request elsewhere), e.g. <c>/webchat/logo.svg</c> or <c>/branding/logo.png</c> under wwwroot.</summary>
    public string LogoUrl { get; set; } = "/webchat/logo.svg";

    /// <summary>The district's colour, <c>#rrggbb</c>, dark enough for white text on it.</summary>
    public string PrimaryColor { get; set; } = "#0b3d62";

    /// <summary>The phone number people can call, as people write it; empty shows none.</summary>
    public string HelpLine { get; set; } = "(312) 555-0100";
}
