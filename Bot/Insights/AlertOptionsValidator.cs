using Microsoft.Extensions.Options;

namespace Bot.Insights;

internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        if (options.Period <= TimeSpan.Zero)
        {
            failures.Add("Insights:Alerts:Period must be above zero (01:00:00 scans hourly).");
        }

        if (options.Window < TimeSpan.FromMinutes(1))
        {
            failures.Add("Insights:Alerts:Window must be at least 00:01:00 (1.00:00:00 compares days, 7.00:00:00 weeks).");
        }

        if (options.BaselineWindows is < 1 or > 366)
        {
            failures.Add("Insights:Alerts:BaselineWindows must be between 1 and 366.");
        }

        if (options.MinimumCount < 1)
        {
            failures.Add("Insights:Alerts:MinimumCount must be at least 1.");
        }

        if (!(options.MinimumRatio >= 1.0) || double.IsInfinity(options.MinimumRatio))
        {
            failures.Add("Insights:Alerts:MinimumRatio must be a number of at least 1 (3 means three times the expected count).");
        }

        if (!(options.MaximumPValue is > 0.0 and < 1.0))
        {
            failures.Add("Insights:Alerts:MaximumPValue must be between 0 and 1, exclusive (0.0001 is one chance in ten thousand).");
        }

        if (!(options.MinimumExpected > 0.0) || double.IsInfinity(options.MinimumExpected))
        {
            failures.Add("Insights:Alerts:MinimumExpected must be a number above 0.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
