using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>Refuses, at start-up, a public URL that would put broken or insecure links in people's texts.</summary>
internal sealed class HelpLinkOptionsValidator : IValidateOptions<HelpLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpLinkOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return ValidateOptionsResult.Success;
        }

        return IsBaseUrl(options.PublicUrl)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HelpLinkOptions.Section}:PublicUrl '{options.PublicUrl}' must be the desk's absolute https URL (https://desk.district.org), with no query or fragment; http is accepted only for localhost.");
    }

    public static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.Host.Length > 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
