using System.Globalization;

namespace Bot.Data.Insights;

public enum ReportPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>Names the day, week (by its Monday) or month a district-local date falls in, and lists them over a range.</summary>
public static class ReportPeriods
{
    public static DateOnly Start(ReportPeriod period, DateOnly date) => period switch
    {
        ReportPeriod.Day => date,
        // Weeks start on Monday, as school weeks do.
        ReportPeriod.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        ReportPeriod.Month => new DateOnly(date.Year, date.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    public static string Label(ReportPeriod period, DateOnly date) =>
        period == ReportPeriod.Month
            ? Start(period, date).ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : Start(period, date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every period from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, in order.</summary>
    public static IReadOnlyList<string> Between(ReportPeriod period, DateOnly first, DateOnly last)
    {
        var labels = new List<string>();
        for (var start = Start(period, first); start <= last; start = Next(period, start))
        {
            labels.Add(Label(period, start));
        }

        return labels;
    }

    /// <summary>The start of the period after the one starting on <paramref name="start"/>.</summary>
    public static DateOnly Next(ReportPeriod period, DateOnly start) => period switch
    {
        ReportPeriod.Day => start.AddDays(1),
        ReportPeriod.Week => start.AddDays(7),
        _ => start.AddMonths(1),
    };
}
