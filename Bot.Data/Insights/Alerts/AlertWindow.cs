namespace Bot.Data.Insights.Alerts;

/// <summary>
/// The recent window [<see cref="Start"/>, <see cref="End"/>) and, right before it, the baseline of
/// <see cref="BaselineWindows"/> windows of the same length [<see cref="BaselineStart"/>, <see cref="Start"/>).
/// </summary>
public sealed record AlertWindow(DateTimeOffset BaselineStart, DateTimeOffset Start, DateTimeOffset End, int BaselineWindows)
{
    public static AlertWindow Ending(DateTimeOffset end, TimeSpan length, int baselineWindows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselineWindows, 1);
        var start = end - length;
        return new AlertWindow(start - (length * baselineWindows), start, end, baselineWindows);
    }

    public TimeSpan Length => End - Start;
}
