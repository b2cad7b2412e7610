using Bot.Data.Insights.Alerts;
using Bot.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Insights;

/// <summary>
/// Scans for ticket spikes, day over day and week over week (<see cref="AlertOptions.Scans"/>), when the app starts
/// and then every <see cref="AlertOptions.Period"/>, on the app's <see cref="TimeProvider"/>; a failed scan is logged
/// and the next one runs as usual.
/// </summary>
public sealed partial class SpikeAlertJob(SpikeDetector detector, IOptions<AlertOptions> options, OutboxSignal outbox, TimeProvider time, ILogger<SpikeAlertJob> logger)
    : BackgroundService
{
    /// <summary>One scan, each comparison with its window ending now; the alerts it raised.</summary>
    public async Task<IReadOnlyList<Alert>> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var raised = new List<Alert>();
        foreach (var (_, scan) in options.Value.Scans.Where(scan => scan.Scan.Enabled))
        {
            // One after the other: a group a comparison just raised is quiet for the next.
            raised.AddRange(await detector.ScanAsync(scan.Ending(now), scan.Thresholds, now, cancellationToken));
        }

        foreach (var alert in raised)
        {
            LogRaised(logger, alert.Id, alert.Dimension, alert.Topic, alert.Observed, alert.Expected);
        }

        if (raised.Count > 0)
        {
            outbox.Notify();
        }

        return raised;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Period, time);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScanFailed(logger, ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Topics and dimensions are categories, never personal data; the group's value (a school, a ZIP) stays out of logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Raised alert {AlertId}: {Topic} tickets by {Dimension}, {Observed} where {Expected:F1} were expected")]
    private static partial void LogRaised(ILogger logger, long alertId, string dimension, string topic, long observed, double expected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spike scan failed ({ExceptionType}); the next one runs as usual")]
    private static partial void LogScanFailed(ILogger logger, string? exceptionType);
}
