using Bot.Data.Insights.Summaries;
using Microsoft.Extensions.Options;

namespace Bot.Insights;

/// <summary>
/// Summarises again, every <see cref="SummaryRefreshOptions.RefreshEvery"/>, the days whose tickets changed since the
/// last time (<see cref="TicketDaySummaries"/>). A failure is logged and the next run tries again.
/// </summary>
public sealed partial class SummaryRefreshJob(TicketDaySummaries summaries, IOptions<SummaryRefreshOptions> options, TimeProvider time, ILogger<SummaryRefreshJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host summarised every day as it started (SchemaMigrationService), so the first run waits a period.
        using var timer = new PeriodicTimer(options.Value.RefreshEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await summaries.EnsureCurrentAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().FullName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bringing the ticket summaries up to date failed ({ExceptionType}); the next run tries again")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}
