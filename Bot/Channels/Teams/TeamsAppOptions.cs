namespace Bot.Channels.Teams;

/// <summary>
/// What the Teams app package says about the desk (<c>Teams:App</c>): its identity, names, publisher and public
/// address. Only <c>teams package</c> reads it; the running bot does not.
/// </summary>
public sealed class TeamsAppOptions
{
    public const string Section = "Teams:App";

    /// <summary>The Teams app's id, a GUID; empty means the bot's <c>MicrosoftAppId</c>.</summary>
    public string? Id { get; set; }

    /// <summary>The app's version (major.minor.patch); empty means the build's. Teams takes an update only with a higher one.</summary>
    public string? Version { get; set; }

    /// <summary>The desk's public https URL (https://desk.district.org); its host is the manifest's only valid domain.</summary>
    public string? PublicUrl { get; set; }

    public string ShortName { get; set; } = "Device Help Desk";

    public string FullName { get; set; } = "District Device Help Desk";

    public string ShortDescription { get; set; } = "Fix a school laptop or hotspot, or reach a technician.";

    public string FullDescription { get; set; } =
        "The district's help desk for school-issued laptops, Chromebooks and hotspots. Say what is wrong in your own " +
        "words, in English or Spanish: the desk offers the fixes that match, walks you through one step at a time, and " +
        "opens a ticket for a technician when a fix does not work, telling you its number and when to expect an answer. " +
        "Type help, menu, status (your tickets), agent (a person) or cancel at any time.";

    /// <summary>The publisher shown in Teams: the district or its technology department.</summary>
    public string? DeveloperName { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? PrivacyUrl { get; set; }

    public string? TermsOfUseUrl { get; set; }

    /// <summary>The colour behind the app's icon in Teams, as #RRGGBB (the committed colour icon's blue by default).</summary>
    public string AccentColor { get; set; } = "#1F6FB2";

    /// <summary>The Teams app id: <see cref="Id"/> when set, otherwise the bot's own app id.</summary>
    public string? AppIdOr(string? microsoftAppId) => string.IsNullOrWhiteSpace(Id) ? microsoftAppId : Id;
}
