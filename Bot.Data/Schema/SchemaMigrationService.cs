using Bot.Data.Insights.Summaries;
using Microsoft.Extensions.Hosting;

namespace Bot.Data.Schema;

/// <summary>
/// Brings the schema up to date while the host starts; the host fails to start if it cannot. Then brings the daily
/// ticket summaries up to date, so that the first report after migration 0016 (or a change of time zone) does not wait
/// for every day to be summarised.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, TicketDaySummaries summaries) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await summaries.EnsureCurrentAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
