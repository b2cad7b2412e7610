using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
        {
            return ValidateOptionsResult.Fail("Teams:ServiceUrl must be an absolute URL (Teams' Bot Connector service, e.g. https://smba.trafficmanager.net/teams/).");
        }

        return options.AlertsEnabled && !options.TechniciansChannelId!.StartsWith("19:", StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("Teams:TechniciansChannelId must be a Teams channel id, which starts with \"19:\" (copy it from the channel's link).")
            : ValidateOptionsResult.Success;
    }
}
