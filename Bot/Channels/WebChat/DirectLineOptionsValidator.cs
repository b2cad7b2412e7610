using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var problems = new List<string>();
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            problems.Add("DirectLine:TokenLifetime must be positive.");
        }

        if (options.StreamPollInterval <= TimeSpan.Zero || options.StreamKeepAliveInterval <= TimeSpan.Zero)
        {
            problems.Add("DirectLine:StreamPollInterval and DirectLine:StreamKeepAliveInterval must be positive.");
        }

        if (options.TokensPerMinutePerClient <= 0 || options.MessagesPerMinutePerConversation <= 0 || options.RequestsPerMinutePerConversation <= 0)
        {
            problems.Add("DirectLine:TokensPerMinutePerClient, DirectLine:MessagesPerMinutePerConversation and DirectLine:RequestsPerMinutePerConversation must be positive.");
        }

        problems.AddRange(options.AllowedOrigins.Where(origin => !IsOrigin(origin)).Select(origin =>
            $"DirectLine:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port], as https://www.district.org, with no path or trailing slash."));

        if (options.UsesAzure && !IsSafeForTheSecret(options.AzureEndpoint))
        {
            problems.Add($"DirectLine:AzureEndpoint '{options.AzureEndpoint}' must be an https URL (http only to this machine) such as https://directline.botframework.com/v3/directline: the secret is sent to it.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>An origin as browsers send it: http or https, a host, perhaps a port, and nothing after.</summary>
    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.Equals(origin, uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private static bool IsSafeForTheSecret(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
