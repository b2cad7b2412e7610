using Bot.Data;
using Bot.Data.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Health;

/// <summary>Ready when the database answers and every migration script has been applied.</summary>
internal sealed class DatabaseReadinessCheck(Database database, SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (await database.OpenAsync(cancellationToken))
            {
            }

            var pending = migrator.PendingScripts();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, schema up to date.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
