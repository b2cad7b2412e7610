using Microsoft.Extensions.Hosting;

namespace Bot.Data.Schema;

/// <summary>Brings the schema up to date while the host starts; the host fails to start if it cannot.</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
