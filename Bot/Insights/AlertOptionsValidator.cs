using Microsoft.Extensions.Options;

namespace Bot.Insights;

internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        if (options.Period <= TimeSpan.Zero)
        {
            failures.Add($"{AlertOptions.Section}:Period must be above zero (01:00:00 scans hourly).");
        }

        foreach (var (scanName, scan) in options.Scans)
        {
            Validate($"{AlertOptions.Section}:{scanName}", scan, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Validate(string section, AlertScanOptions scan, List<string> failures)
    {
        if (scan.BaselineWindows is < 1 or > 366)
        {
            failures.Add($"{section}:BaselineWindows must be between 1 and 366.");
        }

        if (scan.MinimumCount < 1)
        {
            failures.Add($"{section}:MinimumCount must be at least 1.");
        }

        if (!(scan.MinimumRatio >= 1.0) || double.IsInfinity(scan.MinimumRatio))
        {
            failures.Add($"{section}:MinimumRatio must be a number of at least 1 (3 means three times the expected count).");
        }

        if (!(scan.MaximumPValue is > 0.0 and < 1.0))
        {
            failures.Add($"{section}:MaximumPValue must be between 0 and 1, exclusive (0.0001 is one chance in ten thousand).");
        }

        if (!(scan.MinimumExpected > 0.0) || double.IsInfinity(scan.MinimumExpected))
        {
            failures.Add($"{section}:MinimumExpected must be a number above 0.");
        }
    }
}
