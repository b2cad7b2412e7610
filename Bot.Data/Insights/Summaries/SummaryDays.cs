using System.Globalization;
using Bot.Data.Tickets;

namespace Bot.Data.Insights.Summaries;

/// <summary>
/// The district-local days, first to last (both included, as 'yyyy-MM-dd', the summaries' key), that a filter covers,
/// when the daily summaries can answer it: its range starts and ends at a local midnight, and it is not narrowed to a
/// school (a person's schools can change after their tickets; that filter reads the tickets).
/// </summary>
internal sealed record SummaryDays(string First, string Last)
{
    public static SummaryDays? Of(InsightsFilter filter, BusinessCalendar calendar)
    {
        if (filter.SchoolId is not null)
        {
            return null;
        }

        var first = DateOnly.FromDateTime(calendar.ToLocal(filter.From));
        var end = DateOnly.FromDateTime(calendar.ToLocal(filter.To));
        if (end <= first || calendar.StartOfDay(first) != filter.From || calendar.StartOfDay(end) != filter.To)
        {
            return null;
        }

        return new SummaryDays(Key(first), Key(end.AddDays(-1)));
    }

    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(string key) => DateOnly.ParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The conditions on a summary table aliased <c>d</c> (parameters: @First, @Last, and @Channel, @Category where it has them).</summary>
    public const string DayConditions = "d.day >= @First AND d.day <= @Last";

    public const string ChannelAndCategoryConditions = "(@Channel IS NULL OR d.channel = @Channel) AND (@Category IS NULL OR d.category = @Category)";

    public object Parameters(InsightsFilter filter) => new { First, Last, filter.Channel, filter.Category };
}
