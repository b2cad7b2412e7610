using Microsoft.Extensions.Options;

namespace Bot.Channels.Sms;

internal sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new[]
        {
            (nameof(options.AuthToken), options.AuthToken),
            (nameof(options.PhoneNumber), options.PhoneNumber),
            (nameof(options.WebhookBaseUrl), options.WebhookBaseUrl),
        }.Where(setting => string.IsNullOrWhiteSpace(setting.Item2)).Select(setting => $"Twilio:{setting.Item1}").ToList();
        if (missing.Count > 0)
        {
            return ValidateOptionsResult.Fail($"Twilio:AccountSid is set, so SMS is on, but {string.Join(", ", missing)} is empty.");
        }

        if (!Uri.TryCreate(options.WebhookBaseUrl, UriKind.Absolute, out _) || !Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail("Twilio:WebhookBaseUrl and Twilio:ApiBaseUrl must be absolute URLs.");
        }

        if (!options.ValidateSignatures && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail("Twilio:ValidateSignatures may be false only in Development: anyone could post messages as any phone.");
        }

        return options.SegmentsPerSecond > 0 && options.MaxAttempts > 0 && options.MaxMediaBytes > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Twilio:SegmentsPerSecond, Twilio:MaxAttempts and Twilio:MaxMediaBytes must be positive.");
    }
}
