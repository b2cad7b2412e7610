using System.Data.Common;
using System.Net.Sockets;
using Bot.Data.Tickets;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace Bot.Data.Schema;

/// <summary>
/// Applies the embedded migration scripts of the configured engine with DbUp, under a cross-process lock,
/// and tells whether any are still pending. The scripts are SQL, but for the ones that need the business calendar.
/// </summary>
/// <param name="calendar">The district's calendar, for the backfill of stored business hours; none: the default one
/// (tests and benchmarks, which migrate an empty database or use the defaults).</param>
public sealed class SchemaMigrator(Database database, ILogger<SchemaMigrator> logger, BusinessCalendar? calendar = null)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        try
        {
            await using var migrationLock = await dialect.AcquireMigrationLockAsync(database.ConnectionString, cancellationToken);
            await dialect.PrepareDatabaseAsync(database.ConnectionString, cancellationToken);
            var result = Engine(logProgress: true).PerformUpgrade();
            if (!result.Successful)
            {
                throw result.Error;
            }
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException or IOException)
        {
            throw new StorageUnavailableException(
                $"Could not prepare {dialect.Describe(database.ConnectionString)}: {ex.Message} " +
                "Check that the database server is running and reachable, and that ConnectionStrings:Bot is right.",
                ex);
        }
    }

    /// <summary>Names the scripts not yet applied; connects to the database to read its journal.</summary>
    public IReadOnlyList<string> PendingScripts() =>
        Engine(logProgress: false).GetScriptsToExecute().Select(script => script.Name).ToList();

    private UpgradeEngine Engine(bool logProgress)
    {
        var folder = $"{typeof(SchemaMigrator).Namespace}.{database.Dialect.SchemaFolder}.";
        var builder = database.Dialect.MigrationsTarget(database.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, name => name.StartsWith(folder, StringComparison.Ordinal))
            .WithScript(folder + TicketBusinessHoursBackfill.Name, new TicketBusinessHoursBackfill(calendar ?? new BusinessCalendar(new CalendarOptions())))
            .WithTransactionPerScript();
        return (logProgress ? builder.LogTo(logger) : builder.LogToNowhere()).Build();
    }
}
