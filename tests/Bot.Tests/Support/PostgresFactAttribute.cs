using Bot.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// A test that needs a PostgreSQL server: skipped, with the reason, when <c>BOT_TEST_POSTGRES</c> is not set, except
/// under CI, where it runs (and fails without a server) so that it can never silently not run.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (TestDatabase.PostgresServer is null && !ci)
        {
            Skip = $"{TestDatabase.PostgresVariable} is not set: no PostgreSQL server to test against.";
        }
    }
}
