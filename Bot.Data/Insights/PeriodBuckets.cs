using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// A filter's range cut at the district-local start of each day, week or month, as UTC instants, so that the database
/// counts per period with one index range each instead of sending every ticket's time back to be converted here.
/// </summary>
internal sealed class PeriodBuckets
{
    private PeriodBuckets(IReadOnlyList<string> labels, IReadOnlyList<DateTimeOffset> bounds)
    {
        Labels = labels;
        Bounds = bounds;
    }

    /// <summary>Every period's label, in order; bucket <c>i</c> of the SQL is <c>Labels[i]</c>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Bucket <c>i</c> holds the instants from <c>Bounds[i]</c> up to but not including <c>Bounds[i + 1]</c>.</summary>
    private IReadOnlyList<DateTimeOffset> Bounds { get; }

    /// <summary>
    /// A derived table <c>b</c> of (bucket, from, to) rows (named column1, column2, column3: both engines name a
    /// VALUES list's columns so), to join on a time column: <c>t.created_at &gt;= b.column2 AND t.created_at &lt; b.column3</c>.
    /// </summary>
    public string ValuesSql => "(VALUES " + string.Join(", ", Labels.Select((_, i) => $"({i}, @Bound{i}, @Bound{i + 1})")) + ") b";

    public static PeriodBuckets Of(InsightsFilter filter, ReportPeriod period, BusinessCalendar calendar)
    {
        var first = DateOnly.FromDateTime(calendar.ToLocal(filter.From));
        var last = DateOnly.FromDateTime(calendar.ToLocal(filter.To.AddTicks(-1)));
        var labels = new List<string>();
        var bounds = new List<DateTimeOffset> { filter.From };
        for (var start = ReportPeriods.Start(period, first); start <= last; start = ReportPeriods.Next(period, start))
        {
            labels.Add(ReportPeriods.Label(period, start));
            var end = calendar.StartOfDay(ReportPeriods.Next(period, start));
            bounds.Add(end < filter.To ? end : filter.To);
        }

        return new PeriodBuckets(labels, bounds);
    }

    /// <summary>The filter's parameters and the bounds (@Bound0 …), plus any <paramref name="extra"/> ones.</summary>
    public DynamicParameters Parameters(InsightsFilter filter, object? extra = null)
    {
        var parameters = new DynamicParameters(filter.Parameters);
        for (var i = 0; i < Bounds.Count; i++)
        {
            parameters.Add($"Bound{i}", Bounds[i]);
        }

        if (extra is not null)
        {
            parameters.AddDynamicParams(extra);
        }

        return parameters;
    }
}
