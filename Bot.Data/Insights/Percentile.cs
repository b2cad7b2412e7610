namespace Bot.Data.Insights;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (as spreadsheets' PERCENTILE.INC does): the median of
/// an even count is the mean of the middle two.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="fraction"/> percentile (0.5 for the median) of the values; null when there are none. Sorts the list.</summary>
    public static double? Of(List<double> values, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return OfSorted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), fraction);
    }

    /// <summary>The <paramref name="fraction"/> percentile of values already in ascending order; null when there are none.</summary>
    public static double? OfSorted(ReadOnlySpan<double> sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (sorted.IsEmpty)
        {
            return null;
        }

        var rank = (sorted.Length - 1) * fraction;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
