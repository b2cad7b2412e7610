using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Channels.Teams;
using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Channels.Teams;

/// <summary><c>teams package</c>, run on in-memory settings into a temporary folder and read back as Teams would.</summary>
public sealed partial class TeamsPackageTests : IDisposable
{
    private const string BotAppId = "5d7a3c1e-2b4f-4e8a-9c6d-0f1e2a3b4c5d";
    private const string TeamsAppId = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";

    private static readonly string[] PackageFiles = ["color.png", "manifest.json", "outline.png"];
    private static readonly string[] BotCommandTitles = ["help", "menu", "status", "agent", "cancel", "english", "español"];
    private static readonly string[] BotScopes = ["personal", "team"];
    private static readonly string[] Permissions = ["identity", "messageTeamMembers"];

    private readonly string folder = Directory.CreateTempSubdirectory("teams-package-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task The_package_holds_the_manifest_and_both_icons_and_names_the_app_the_bot_its_commands_and_the_desks_host()
    {
        var path = Path.Combine(folder, "maple-valley.zip");

        var (code, output, error) = await RunAsync(Settings(("Teams:App:Id", TeamsAppId)), "teams", "package", path);

        Assert.True(code == 0, error);
        Assert.Equal(path, output.Split(Environment.NewLine)[0]);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(PackageFiles, zip.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
        var manifestBytes = Read(zip, "manifest.json");
        Assert.False(manifestBytes is [0xEF, 0xBB, 0xBF, ..], "manifest.json starts with a byte order mark");
        using var document = JsonDocument.Parse(manifestBytes);
        var manifest = document.RootElement;
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", manifest.GetProperty("$schema").GetString());
        Assert.Equal("1.19", manifest.GetProperty("manifestVersion").GetString());
        Assert.Equal(TeamsAppId, manifest.GetProperty("id").GetString());
        Assert.Equal("Maple Valley Schools", manifest.GetProperty("developer").GetProperty("name").GetString());
        Assert.Equal("https://www.maplevalley.example/privacy", manifest.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.Equal("https://www.maplevalley.example/terms", manifest.GetProperty("developer").GetProperty("termsOfUseUrl").GetString());
        Assert.InRange(manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.Matches("^#[0-9a-fA-F]{6}$", manifest.GetProperty("accentColor").GetString()!);
        Assert.Equal(["desk.maplevalley.example"], Strings(manifest.GetProperty("validDomains")));
        Assert.Equal(Permissions, Strings(manifest.GetProperty("permissions")));

        var bot = Assert.Single(manifest.GetProperty("bots").EnumerateArray());
        Assert.Equal(BotAppId, bot.GetProperty("botId").GetString());
        Assert.Equal(BotScopes, Strings(bot.GetProperty("scopes")));
        Assert.False(bot.GetProperty("supportsFiles").GetBoolean());
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();
        Assert.Equal(BotScopes, lists.SelectMany(list => Strings(list.GetProperty("scopes"))));
        foreach (var list in lists)
        {
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.Equal(BotCommandTitles, commands.Select(command => command.GetProperty("title").GetString()));
            Assert.All(commands, command => Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 128));
        }

        var icons = manifest.GetProperty("icons");
        Assert.Contains(zip.Entries, entry => entry.FullName == icons.GetProperty("color").GetString());
        Assert.Contains(zip.Entries, entry => entry.FullName == icons.GetProperty("outline").GetString());
    }

    [Fact]
    public async Task The_colour_icon_is_192_pixels_in_colour_and_the_outline_icon_32_pixels_white_on_transparent()
    {
        var path = Path.Combine(folder, "icons.zip");

        var (code, _, error) = await RunAsync(Settings(), "teams", "package", path);

        Assert.True(code == 0, error);
        using var zip = ZipFile.OpenRead(path);
        var color = PngImage.Read(Read(zip, "color.png"));
        Assert.Equal((192, 192, 8), (color.Width, color.Height, color.BitDepth));
        Assert.True(color.ColourType is 2 or 6, $"The colour icon has colour type {color.ColourType}, not RGB or RGBA.");
        Assert.True(color.Pixels().Distinct().Count() > 2, "The colour icon is (nearly) a single colour.");

        var outline = PngImage.Read(Read(zip, "outline.png"));
        Assert.Equal((32, 32, 8), (outline.Width, outline.Height, outline.BitDepth));
        Assert.True(outline.HasAlpha, $"The outline icon has colour type {outline.ColourType}, without transparency.");
        var pixels = outline.Pixels();
        Assert.All(pixels.Where(pixel => pixel.A > 0), pixel => Assert.Equal((255, 255, 255), (pixel.R, pixel.G, pixel.B)));
        Assert.Contains(pixels, pixel => pixel.A == 255);
        Assert.Contains(pixels, pixel => pixel.A == 0);
    }

    [Fact]
    public async Task Without_a_Teams_app_id_the_app_takes_the_bots_id_and_a_folder_gets_the_default_file_name()
    {
        var (code, output, error) = await RunAsync(Settings(), "teams", "package", folder);

        Assert.True(code == 0, error);
        var path = Path.Combine(folder, "teams-app.zip");
        Assert.StartsWith(path + Environment.NewLine, output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(path);
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        Assert.Equal(BotAppId, manifest.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_version_is_the_builds_major_minor_patch_unless_Teams_App_Version_sets_one()
    {
        var informational = typeof(TeamsPackageCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = LeadingMajorMinorPatch().Match(informational).Value;

        var built = await ManifestAsync(Settings(), "built.zip");
        var set = await ManifestAsync(Settings(("Teams:App:Version", "2.14.3")), "set.zip");

        Assert.NotEqual("", expected);
        Assert.Equal(expected, built.GetProperty("version").GetString());
        Assert.Equal("2.14.3", set.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Every_command_the_manifest_suggests_is_a_word_the_bot_understands_and_none_is_missing()
    {
        var manifest = await ManifestAsync(Settings(), "commands.zip");

        var titles = manifest.GetProperty("bots")[0].GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray()
            .Select(command => command.GetProperty("title").GetString()!).ToList();

        Assert.All(titles, title => Assert.True(Commands.TryParse(title, out _), $"The bot does not understand '{title}'."));
        var understood = titles.Select(title => Commands.TryParse(title, out var command) ? command : (Command?)null);
        Assert.Equal(Enum.GetValues<Command>().Select(command => (Command?)command).Order(), understood.Order());
    }

    [Fact]
    public async Task A_short_name_of_exactly_thirty_characters_is_accepted()
    {
        var manifest = await ManifestAsync(Settings(("Teams:App:ShortName", new string('d', 30))), "thirty.zip");

        Assert.Equal(new string('d', 30), manifest.GetProperty("name").GetProperty("short").GetString());
    }

    [Theory]
    [InlineData("MicrosoftAppId", "MicrosoftAppId", "", "Teams:App:Id", TeamsAppId)]
    [InlineData("MicrosoftAppId", "MicrosoftAppId", "bot-app", "Teams:App:Id", TeamsAppId)]
    [InlineData("Teams:App:Id", "MicrosoftAppId", "bot-app")]
    [InlineData("Teams:App:Id", "Teams:App:Id", "{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}")]
    [InlineData("Teams:App:ShortName", "Teams:App:ShortName", "District Device Help Desk Teams")] // 31 characters
    [InlineData("Teams:App:FullName", "Teams:App:FullName", "")]
    [InlineData("Teams:App:ShortDescription", "Teams:App:ShortDescription", "Get help with a school laptop, Chromebook or hotspot, or talk to a technician now.")]
    [InlineData("Teams:App:DeveloperName", "Teams:App:DeveloperName", "Maple Valley Unified School District")]
    [InlineData("Teams:App:PrivacyUrl", "Teams:App:PrivacyUrl", "http://www.maplevalley.example/privacy")]
    [InlineData("Teams:App:WebsiteUrl", "Teams:App:WebsiteUrl", "www.maplevalley.example")]
    [InlineData("Teams:App:TermsOfUseUrl", "Teams:App:TermsOfUseUrl", "")]
    [InlineData("Teams:App:PublicUrl", "Teams:App:PublicUrl", "")]
    [InlineData("Teams:App:PublicUrl", "Teams:App:PublicUrl", "http://desk.maplevalley.example")]
    [InlineData("Teams:App:AccentColor", "Teams:App:AccentColor", "blue")]
    [InlineData("Teams:App:Version", "Teams:App:Version", "1.0")]
    public async Task A_wrong_setting_writes_nothing_and_exits_1_naming_the_setting(string named, string setting, string value, string? otherSetting = null, string? otherValue = null)
    {
        var changes = otherSetting is null ? [(setting, value)] : new[] { (setting, value), (otherSetting, otherValue!) };

        var (code, output, error) = await RunAsync(Settings(changes), "teams", "package", Path.Combine(folder, "wrong.zip"));

        Assert.Equal(1, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("teams", "pack")]
    [InlineData("teams", "package", "a.zip", "b.zip")]
    [InlineData("teams", "package", "")]
    public async Task A_wrong_command_line_shows_the_usage_and_exits_2(params string[] args)
    {
        var (code, output, error) = await RunAsync(Settings(), args);

        Assert.Equal(2, code);
        Assert.StartsWith("Usage: teams package [<output.zip>]", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    /// <summary>Settings a district would give: the bot's id, the desk's public URL with a port and path, the publisher.</summary>
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotAppId,
            ["Teams:App:PublicUrl"] = "https://desk.maplevalley.example:8443/api/messages?from=teams",
            ["Teams:App:DeveloperName"] = "Maple Valley Schools",
            ["Teams:App:WebsiteUrl"] = "https://www.maplevalley.example/",
            ["Teams:App:PrivacyUrl"] = "https://www.maplevalley.example/privacy",
            ["Teams:App:TermsOfUseUrl"] = "https://www.maplevalley.example/terms",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TeamsPackageCommand.RunAsync(configuration, args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<JsonElement> ManifestAsync(Dictionary<string, string?> settings, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        var (code, _, error) = await RunAsync(settings, "teams", "package", path);
        Assert.True(code == 0, error);
        using var zip = ZipFile.OpenRead(path);
        using var document = JsonDocument.Parse(Read(zip, "manifest.json"));
        return document.RootElement.Clone();
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)?.Open() ?? throw new FileNotFoundException($"The package has no {name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString())];

    [GeneratedRegex(@"^\d+\.\d+\.\d+")]
    private static partial Regex LeadingMajorMinorPatch();
}
