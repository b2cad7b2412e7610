using System.Globalization;
using Bot.Data.Insights;
using Bot.Data.Tickets;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Console.Insights;

/// <summary>
/// The filters of the insights page as its query string carries them (<c>from</c>, <c>to</c>: district-local dates, both
/// included; <c>channel</c>, <c>category</c>, <c>school</c>, <c>period</c>), read the same way by the page and the CSV export.
/// </summary>
public sealed record InsightsQuery(DateOnly From, DateOnly To, string? Channel, string? Category, long? School, ReportPeriod Period)
{
    /// <summary>Reads the query; missing or unreadable values fall back to the last six months, everything, by week.</summary>
    public static InsightsQuery Parse(IQueryCollection query, BusinessCalendar calendar, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(time.GetUtcNow()));
        var to = Date(query["to"]) ?? today;
        var from = Date(query["from"]) ?? to.AddMonths(-6);
        return new InsightsQuery(
            from <= to ? from : to,
            to,
            TicketChoices.OneOf(query["channel"], TicketChoices.Channels),
            TicketChoices.OneOf(query["category"], TicketChoices.Categories),
            long.TryParse(query["school"], NumberStyles.None, CultureInfo.InvariantCulture, out var school) ? school : null,
            Enum.TryParse<ReportPeriod>(query["period"], ignoreCase: true, out var period) && Enum.IsDefined(period) ? period : ReportPeriod.Week);
    }

    public InsightsFilter Filter(BusinessCalendar calendar) =>
        new(calendar.StartOfDay(From), calendar.StartOfDay(To.AddDays(1))) { Channel = Channel, Category = Category, SchoolId = School };

    /// <summary>The query string that gives these filters back (for the CSV links).</summary>
    public string QueryString()
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["channel"] = Channel,
            ["category"] = Category,
            ["school"] = School?.ToString(CultureInfo.InvariantCulture),
            ["period"] = Period.ToString().ToLowerInvariant(),
        };
        return QueryHelpers.AddQueryString("", values.Where(pair => pair.Value is not null));
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
