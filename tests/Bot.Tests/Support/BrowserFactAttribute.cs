namespace Bot.Tests.Support;

/// <summary>
/// A test that drives a real browser: skipped, with the reason, when Debian's Chromium is not installed, except under
/// CI, which installs it, where the test runs (and fails without it) so that it can never silently not run.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Chromium.ExecutablePath) && !ci)
        {
            Skip = $"{Chromium.ExecutablePath} is missing: no browser to test in (apt-get install chromium).";
        }
    }
}
