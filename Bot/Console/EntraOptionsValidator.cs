using Microsoft.Extensions.Options;

namespace Bot.Console;

internal sealed class EntraOptionsValidator : IValidateOptions<EntraOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || !(authority.Scheme == "https" || authority.IsLoopback))
        {
            return ValidateOptionsResult.Fail("Console:Entra:ClientId is set, so Entra sign-in is on, but Console:Entra:Authority is not an https URL (https://login.microsoftonline.com/{tenant id}/v2.0).");
        }

        return string.IsNullOrWhiteSpace(options.ClientSecret)
            ? ValidateOptionsResult.Fail("Console:Entra:ClientId is set, so Entra sign-in is on, but Console:Entra:ClientSecret is empty.")
            : ValidateOptionsResult.Success;
    }
}
