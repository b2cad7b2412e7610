using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Checks <c>Teams:App</c> and <c>MicrosoftAppId</c> against the limits of the Teams app manifest schema 1.19, so that
/// a package this app writes is one Teams accepts, and every failure names the setting to fix.
/// </summary>
internal sealed partial class TeamsAppOptionsValidator(string? microsoftAppId) : IValidateOptions<TeamsAppOptions>
{
    public const int MaxShortName = 30;
    public const int MaxFullName = 100;
    public const int MaxShortDescription = 80;
    public const int MaxFullDescription = 4000;
    public const int MaxDeveloperName = 32;
    public const int MaxUrl = 2048;

    private const string Prefix = "Teams:App:";

    public ValidateOptionsResult Validate(string? name, TeamsAppOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(microsoftAppId))
        {
            failures.Add("MicrosoftAppId is empty: the package names the bot by its app registration id, so set MicrosoftAppId to that GUID.");
        }
        else if (!IsGuid(microsoftAppId))
        {
            failures.Add($"MicrosoftAppId '{microsoftAppId}' is not a GUID: Teams knows the bot by its app registration id.");
        }

        if (!string.IsNullOrWhiteSpace(options.Id) && !IsGuid(options.Id))
        {
            failures.Add($"{Prefix}Id '{options.Id}' is not a GUID.");
        }
        else if (!IsGuid(options.AppIdOr(microsoftAppId)))
        {
            failures.Add($"{Prefix}Id is empty and MicrosoftAppId is not a GUID to use instead: set {Prefix}Id to a GUID.");
        }

        if (options.Version is { Length: > 0 } version && !SemanticVersion().IsMatch(version))
        {
            failures.Add($"{Prefix}Version '{version}' is not major.minor.patch (1.4.0).");
        }

        CheckPublicUrl(options.PublicUrl, failures);
        CheckText(nameof(options.ShortName), options.ShortName, MaxShortName, failures);
        CheckText(nameof(options.FullName), options.FullName, MaxFullName, failures);
        CheckText(nameof(options.ShortDescription), options.ShortDescription, MaxShortDescription, failures);
        CheckText(nameof(options.FullDescription), options.FullDescription, MaxFullDescription, failures);
        CheckText(nameof(options.DeveloperName), options.DeveloperName, MaxDeveloperName, failures);
        CheckHttpsUrl(nameof(options.WebsiteUrl), options.WebsiteUrl, failures);
        CheckHttpsUrl(nameof(options.PrivacyUrl), options.PrivacyUrl, failures);
        CheckHttpsUrl(nameof(options.TermsOfUseUrl), options.TermsOfUseUrl, failures);
        if (!HexColor().IsMatch(options.AccentColor ?? ""))
        {
            failures.Add($"{Prefix}AccentColor '{options.AccentColor}' is not a colour written #RRGGBB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The manifest's "id" and "botId" are GUIDs written 8-4-4-4-12, without braces.</summary>
    public static bool IsGuid(string? value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>UTF-16 units: never fewer than the schema's characters, so text accepted here fits however Teams counts.</summary>
    private static int Characters(string value) => value.Length;

    private static void CheckText(string setting, string? value, int max, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Prefix}{setting} is empty.");
        }
        else if (Characters(value) > max)
        {
            failures.Add($"{Prefix}{setting} has {Characters(value)} characters; Teams allows at most {max}.");
        }
    }

    private static void CheckHttpsUrl(string setting, string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Prefix}{setting} is empty: Teams shows it on the app's details page; give an https URL.");
        }
        else if (!IsHttpsUrl(value))
        {
            failures.Add($"{Prefix}{setting} '{value}' is not an absolute https URL.");
        }
        else if (value.Length > MaxUrl)
        {
            failures.Add($"{Prefix}{setting} is longer than {MaxUrl} characters.");
        }
    }

    private static void CheckPublicUrl(string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Prefix}PublicUrl is empty: give the desk's public https URL (https://desk.district.org); its host becomes the app's valid domain.");
        }
        else if (!IsHttpsUrl(value))
        {
            failures.Add($"{Prefix}PublicUrl '{value}' is not an absolute https URL.");
        }
    }

    private static bool IsHttpsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
