namespace Bot.Data.Insights.Alerts;

/// <summary>One scan: count every group of every dimension, keep the spikes, and raise those whose group is not quiet.</summary>
public sealed class SpikeDetector(TicketGroupCounts counts, AlertStore alerts)
{
    public async Task<IReadOnlyList<Alert>> ScanAsync(AlertWindow window, SpikeThresholds thresholds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quiet = await alerts.QuietGroupsAsync(now - window.Length, cancellationToken);
        var raised = new List<Alert>();
        foreach (var dimension in AlertDimension.All)
        {
            var groups = await counts.CountAsync(dimension, window, cancellationToken);
            foreach (var spike in SpikeRule.Find(dimension, groups, window.BaselineWindows, thresholds))
            {
                if (quiet.Contains((dimension.Key, spike.Topic, spike.Value)))
                {
                    continue;
                }

                if (await alerts.RaiseAsync(spike, window, now, cancellationToken) is { } alert)
                {
                    raised.Add(alert);
                }
            }
        }

        return raised;
    }
}
