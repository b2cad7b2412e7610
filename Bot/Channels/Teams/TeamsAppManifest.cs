using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Channels.Teams;

/// <summary>The Teams app manifest (schema 1.19) for the desk's bot, built from validated <see cref="TeamsAppOptions"/>.</summary>
internal static partial class TeamsAppManifest
{
    public const string ManifestVersion = "1.19";
    public const string Schema = "https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json";
    public const string FileName = "manifest.json";
    public const string ColorIcon = "color.png";
    public const string OutlineIcon = "outline.png";

    /// <summary>The words that work anywhere in a conversation (Bot.Dialogs' <c>Commands</c>), as Teams suggests them.</summary>
    public static readonly IReadOnlyList<(string Title, string Description)> BotCommands =
    [
        ("help", "What the desk can do and how to ask"),
        ("menu", "Start again from the main menu"),
        ("status", "Your tickets and when to expect an answer"),
        ("agent", "Talk to a technician"),
        ("cancel", "Stop what we are doing now"),
        ("english", "Answer in English"),
        ("español", "Responder en español"),
    ];

    // The file is read by Teams, never embedded in HTML: "español" and "district's" stay as written instead of \u escapes.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(TeamsAppOptions options, string microsoftAppId, string version)
    {
        var botId = Guid.ParseExact(microsoftAppId, "D");
        var appId = Guid.ParseExact(options.AppIdOr(microsoftAppId)!, "D");
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["manifestVersion"] = ManifestVersion,
            ["version"] = version,
            ["id"] = appId.ToString("D"),
            ["developer"] = new JsonObject
            {
                ["name"] = options.DeveloperName,
                ["websiteUrl"] = options.WebsiteUrl,
                ["privacyUrl"] = options.PrivacyUrl,
                ["termsOfUseUrl"] = options.TermsOfUseUrl,
            },
            ["name"] = new JsonObject { ["short"] = options.ShortName, ["full"] = options.FullName },
            ["description"] = new JsonObject { ["short"] = options.ShortDescription, ["full"] = options.FullDescription },
            ["icons"] = new JsonObject { ["color"] = ColorIcon, ["outline"] = OutlineIcon },
            ["accentColor"] = options.AccentColor,
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = botId.ToString("D"),
                ["scopes"] = new JsonArray("personal", "team"),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(CommandList("personal"), CommandList("team")),
            }),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(ValidDomain(options.PublicUrl!)),
        };
    }

    public static byte[] ToUtf8(JsonObject manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Json);

    /// <summary>A domain, as Teams wants it: the public URL's host, without scheme, port or path.</summary>
    public static string ValidDomain(string publicUrl) => new Uri(publicUrl, UriKind.Absolute).IdnHost;

    /// <summary>The build's version reduced to major.minor.patch (the SDK appends "+commit" to the informational version).</summary>
    public static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        if (LeadingVersion().Match(informational) is { Success: true } match)
        {
            return match.Value;
        }

        var version = assembly.GetName().Version ?? new Version(1, 0, 0);
        return $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
    }

    // A separate list per scope, as the schema asks; the commands are the same in both.
    private static JsonObject CommandList(string scope) => new()
    {
        ["scopes"] = new JsonArray(scope),
        ["commands"] = new JsonArray([.. BotCommands.Select(command => new JsonObject { ["title"] = command.Title, ["description"] = command.Description })]),
    };

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(?![0-9.])")]
    private static partial Regex LeadingVersion();
}
