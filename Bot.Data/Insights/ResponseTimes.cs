using System.Data.Common;
using System.Globalization;
using Bot.Data.Insights.Summaries;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// How long people waited, in business hours on the district's calendar: to the first response, and to resolution (the
/// last one, for a ticket that was reopened), as median and 90th percentile per month, category or channel.
/// </summary>
/// <remarks>
/// The hours are those stored on the ticket when it was answered and resolved (TicketActions; migration 0014 filled
/// the older ones). A ticket that has the time but not the hours (written straight into the table) has them worked out
/// here, as they were before they were stored; the query sends its times back only then. A range of whole local days
/// not narrowed to a school is read from the daily summaries instead (<see cref="TicketDaySummaries"/>), which keep
/// every ticket's hours exactly, so the percentiles are the same.
/// </remarks>
public sealed class ResponseTimes(Database database, BusinessCalendar calendar, TicketDaySummaries? summaries = null)
{
    private static readonly DateTimeOffsetHandler Times = new();

    private const string SummarySql = "SELECT d.day AS Day, d.channel AS Channel, d.category AS Category, d.first_response_hours AS FirstResponseHours, "
        + "d.resolution_hours AS ResolutionHours FROM ticket_days d WHERE " + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions;

    private readonly TicketDaySummaries days = summaries ?? new TicketDaySummaries(database, calendar);

    private const string Columns = """
        t.first_response_business_hours AS FirstResponseHours, t.resolution_business_hours AS ResolutionHours,
        CASE WHEN (t.first_response_at IS NOT NULL AND t.first_response_business_hours IS NULL)
               OR (t.resolved_at IS NOT NULL AND t.resolution_business_hours IS NULL) THEN t.created_at END AS CreatedAt,
        CASE WHEN t.first_response_business_hours IS NULL THEN t.first_response_at END AS FirstResponseAt,
        CASE WHEN t.resolution_business_hours IS NULL THEN t.resolved_at END AS ResolvedAt
        """;

    // Months come from a PeriodBuckets table in front, so no ticket's time is converted here to find its month.
    private const string ByMonthSql = "SELECT b.column1 AS Bucket, '' AS Label, " + Columns
        + " FROM {0} JOIN tickets t ON t.created_at >= b.column2 AND t.created_at < b.column3 WHERE " + InsightsFilter.TicketConditions;

    private const string ByCategorySql = "SELECT 0 AS Bucket, t.category AS Label, " + Columns + " FROM tickets t WHERE " + InsightsFilter.CreatedTickets;

    private const string ByChannelSql = "SELECT 0 AS Bucket, t.channel AS Label, " + Columns + " FROM tickets t WHERE " + InsightsFilter.CreatedTickets;

    public async Task<IReadOnlyList<DurationSummary>> ByAsync(InsightsFilter filter, ResponseGrouping grouping, CancellationToken cancellationToken)
    {
        if (SummaryDays.Of(filter, calendar) is { } covered)
        {
            return await FromSummariesAsync(covered, filter, grouping, cancellationToken);
        }

        var groups = await FromTicketsAsync(filter, grouping, cancellationToken);
        return [.. groups.Select(pair => new DurationSummary(
            pair.Key,
            pair.Value.FirstResponse.Count,
            Percentile.Of(pair.Value.FirstResponse, 0.5),
            Percentile.Of(pair.Value.FirstResponse, 0.9),
            pair.Value.Resolution.Count,
            Percentile.Of(pair.Value.Resolution, 0.5),
            Percentile.Of(pair.Value.Resolution, 0.9)))];
    }

    private async Task<IReadOnlyList<DurationSummary>> FromSummariesAsync(
        SummaryDays covered, InsightsFilter filter, ResponseGrouping grouping, CancellationToken cancellationToken)
    {
        await days.EnsureCurrentAsync(cancellationToken);
        var groups = new SortedDictionary<string, (List<byte[]> FirstResponse, List<byte[]> Resolution)>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await foreach (var day in connection.QueryUnbufferedAsync<SummaryDay>(SummarySql, covered.Parameters(filter)).WithCancellation(cancellationToken))
            {
                // A day's month is its first seven characters ('yyyy-MM'), as ReportPeriods labels months.
                var key = grouping switch { ResponseGrouping.Month => day.Day[..7], ResponseGrouping.Category => day.Category, _ => day.Channel };
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = ([], []);
                }

                group.FirstResponse.Add(day.FirstResponseHours);
                group.Resolution.Add(day.ResolutionHours);
            }
        }

        return [.. groups.Select(pair => Summary(pair.Key, HoursBlob.Percentiles(pair.Value.FirstResponse), HoursBlob.Percentiles(pair.Value.Resolution)))];
    }

    private static DurationSummary Summary(string group, (int Count, double? Median, double? P90) firstResponse, (int Count, double? Median, double? P90) resolution) =>
        new(group, firstResponse.Count, firstResponse.Median, firstResponse.P90, resolution.Count, resolution.Median, resolution.P90);

    private async Task<SortedDictionary<string, (List<double> FirstResponse, List<double> Resolution)>> FromTicketsAsync(
        InsightsFilter filter, ResponseGrouping grouping, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, ReportPeriod.Month, calendar);
        var (sql, parameters) = grouping switch
        {
            ResponseGrouping.Month => (ByMonthSql.Replace("{0}", buckets.ValuesSql, StringComparison.Ordinal), buckets.Parameters(filter)),
            ResponseGrouping.Category => (ByCategorySql, new DynamicParameters(filter.Parameters)),
            _ => (ByChannelSql, new DynamicParameters(filter.Parameters)),
        };
        var groups = new SortedDictionary<string, (List<double> FirstResponse, List<double> Resolution)>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Streamed, and read by column rather than mapped to an object per ticket: at a school year of a large district
        // this loop runs a few hundred thousand times, and only two numbers per ticket are kept, for the percentiles.
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = grouping == ResponseGrouping.Month ? buckets.Labels[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] : reader.GetString(1);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = ([], []);
            }

            var created = reader.IsDBNull(4) ? (DateTimeOffset?)null : Times.Parse(reader.GetValue(4));
            if ((Hours(reader, 2) ?? HoursBetween(created, reader, 5)) is { } firstResponse)
            {
                group.FirstResponse.Add(firstResponse);
            }

            if ((Hours(reader, 3) ?? HoursBetween(created, reader, 6)) is { } resolution)
            {
                group.Resolution.Add(resolution);
            }
        }

        return groups;
    }

    private static double? Hours(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private double? HoursBetween(DateTimeOffset? created, DbDataReader reader, int column) =>
        created is { } start && !reader.IsDBNull(column) ? calendar.BusinessTimeBetween(start, Times.Parse(reader.GetValue(column))).TotalHours : null;

    private sealed record SummaryDay
    {
        public string Day { get; init; } = "";

        public string Channel { get; init; } = "";

        public string Category { get; init; } = "";

        public byte[] FirstResponseHours { get; init; } = [];

        public byte[] ResolutionHours { get; init; } = [];
    }
}

public enum ResponseGrouping
{
    Month,
    Category,
    Channel,
}

/// <summary>Business hours to first response and to resolution in one group; null where no ticket of the group got there.</summary>
public sealed record DurationSummary(
    string Group,
    int Responded,
    double? FirstResponseMedianHours,
    double? FirstResponseP90Hours,
    int Resolved,
    double? ResolutionMedianHours,
    double? ResolutionP90Hours);
