using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>Refuses, at start-up, a page that would break its promises: a logo from elsewhere, or a colour white text cannot be read on.</summary>
internal sealed class WebChatPageOptionsValidator : IValidateOptions<WebChatPageOptions>
{
    /// <summary>WCAG 2.1 AA for normal text.</summary>
    public const double MinimumContrast = 4.5;

    public ValidateOptionsResult Validate(string? name, WebChatPageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DistrictName))
        {
            return ValidateOptionsResult.Fail($"{WebChatPageOptions.Section}:DistrictName is empty; the page names the district.");
        }

        if (!IsLocalPath(options.LogoUrl))
        {
            return ValidateOptionsResult.Fail($"{WebChatPageOptions.Section}:LogoUrl '{options.LogoUrl}' must be a path on this app starting with '/' (put the file under wwwroot): the page loads nothing from other hosts.");
        }

        if (Luminance(options.PrimaryColor) is not { } luminance)
        {
            return ValidateOptionsResult.Fail($"{WebChatPageOptions.Section}:PrimaryColor '{options.PrimaryColor}' must be a colour written #rrggbb.");
        }

        var contrast = 1.05 / (luminance + 0.05);
        return contrast >= MinimumContrast
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{WebChatPageOptions.Section}:PrimaryColor {options.PrimaryColor} has a contrast of {contrast:0.0}:1 with the white text on it; choose a darker colour (at least {MinimumContrast}:1)."));
    }

    private static bool IsLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Relative, out _);

    /// <summary>The WCAG relative luminance of a #rrggbb colour, or null when it is not one.</summary>
    private static double? Luminance(string color)
    {
        if (color.Length != 7 || color[0] != '#' || !int.TryParse(color.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel((rgb >> 16) & 0xff)) + (0.7152 * Channel((rgb >> 8) & 0xff)) + (0.0722 * Channel(rgb & 0xff));
    }
}
