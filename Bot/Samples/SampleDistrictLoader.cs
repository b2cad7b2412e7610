using Bot.Data;
using Bot.Data.Importing;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bot.Samples;

/// <summary>
/// At start-up, when <c>Samples:ImportWhenEmpty</c> is on and nobody is in the database yet, imports the synthetic
/// sample district (people, devices, loans), so that a newcomer's desk recognises people and their devices.
/// </summary>
public sealed partial class SampleDistrictLoader(
    IServiceProvider services,
    Database database,
    IOptions<SampleOptions> options,
    IHostEnvironment environment,
    ILogger<SampleDistrictLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.ImportWhenEmpty)
        {
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.Folder));
        if (!Directory.Exists(Path.Combine(folder, "oneroster")))
        {
            LogNoSamples(logger, folder);
            return;
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM people", cancellationToken: cancellationToken)) > 0)
            {
                return;
            }
        }

        foreach (var (kind, path) in new[] { ("oneroster", Path.Combine(folder, "oneroster")), ("devices", Path.Combine(folder, "devices.csv")), ("loans", Path.Combine(folder, "loans.csv")) })
        {
            var report = await Importing.ImportCommand.ImportAsync(services, kind, path, null, cancellationToken);
            LogImported(logger, kind, report.Added, report.Problems.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample district ({Kind}): {Added} added, {Problems} problems reported (some rows are deliberately bad, to show the reports)")]
    private static partial void LogImported(ILogger logger, string kind, int added, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "No sample district at {Folder}; starting without one")]
    private static partial void LogNoSamples(ILogger logger, string folder);
}
