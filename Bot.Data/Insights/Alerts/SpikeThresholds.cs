namespace Bot.Data.Insights.Alerts;

/// <summary>When a group's recent count is a spike (see <see cref="SpikeRule"/>); validated where it is configured.</summary>
/// <param name="MinimumCount">Fewer tickets than this in the window never alert, whatever the baseline.</param>
/// <param name="MinimumRatio">The window's count must be at least this many times the expected count.</param>
/// <param name="MaximumPValue">The chance of so many tickets by Poisson noise alone at the expected rate must be at most this.</param>
/// <param name="MinimumExpected">The expected count is never taken below this, so that a group new or rare in the baseline needs a real cluster.</param>
public sealed record SpikeThresholds(int MinimumCount, double MinimumRatio, double MaximumPValue, double MinimumExpected);
