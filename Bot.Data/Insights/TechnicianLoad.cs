using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>Who carries what: open tickets per technician, and tickets claimed and resolved per technician and week.</summary>
public sealed class TechnicianLoad(Database database, BusinessCalendar calendar)
{
    private const string OpenSql = """
        SELECT t.assignee AS Label, COUNT(*) AS Tickets
        FROM tickets t
        WHERE t.status IN ('new', 'open', 'pending') AND
        """ + " " + InsightsFilter.CreatedTickets + " GROUP BY t.assignee";

    // Claims are the events TicketActions.ClaimAsync writes; a resolution is a move into 'resolved'. Counted by the
    // database per week (a PeriodBuckets table in front) and technician, so that one row a week and technician comes back.
    private const string WorkSql = """
        SELECT b.column1 AS Bucket, e.actor AS Actor,
               SUM(CASE WHEN e.to_status = 'resolved' THEN 0 ELSE 1 END) AS Claimed,
               SUM(CASE WHEN e.to_status = 'resolved' THEN 1 ELSE 0 END) AS Resolved
        FROM
        """;

    private const string WorkEventsSql = """
         JOIN ticket_events e ON e.at >= b.column2 AND e.at < b.column3
        WHERE (e.note LIKE 'claimed by %' OR (e.to_status = 'resolved' AND e.from_status <> 'resolved'))
        """;

    // Only a report narrowed by channel, category or school needs the events' tickets; without, the events' index has it all.
    private const string WorkTicketsSql = " AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id AND " + InsightsFilter.TicketConditions + ")";

    private const string WorkGroupSql = " GROUP BY b.column1, e.actor";

    // The same counts from the hours (migration 0019), for a report not narrowed by channel, category or school: the
    // database adds a week's hours up, so one row a week and technician comes back rather than every hour.
    private const string WorkHoursSql = """
        SELECT b.column1 AS Bucket, h.actor AS Actor, SUM(h.claimed) AS Claimed, SUM(h.resolved) AS Resolved
        FROM
        """;

    private const string WorkHoursJoinSql = " JOIN technician_work_hours h ON h.hour >= b.column2 AND h.hour < b.column3 GROUP BY b.column1, h.actor";

    private static readonly Comparer<(string Week, string Technician)> WeekThenTechnician = Comparer<(string Week, string Technician)>.Create((a, b) =>
        string.CompareOrdinal(a.Week, b.Week) is var byWeek and not 0 ? byWeek : string.CompareOrdinal(a.Technician, b.Technician));

    /// <summary>Tickets opened in the range and not yet resolved, per assignee (null: nobody has it), most first.</summary>
    public async Task<IReadOnlyList<KeyCount>> OpenAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyCount>(new CommandDefinition(OpenSql, filter.Parameters, cancellationToken: cancellationToken));
        return [.. rows.OrderByDescending(row => row.Tickets).ThenBy(row => row.Label is null).ThenBy(row => row.Label, StringComparer.Ordinal)];
    }

    /// <summary>Claims and resolutions made in the range, per district-local week (by its Monday) and technician.</summary>
    public async Task<IReadOnlyList<TechnicianWeek>> WeeklyAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var narrowed = filter.Channel is not null || filter.Category is not null || filter.SchoolId is not null;
        var rows = narrowed || !InWholeHours(filter) ? await FromEventsAsync(filter, narrowed, cancellationToken) : await FromHoursAsync(filter, cancellationToken);
        return [.. rows
            .GroupBy(row => (row.Week, row.Technician))
            .Select(group => new TechnicianWeek(group.Key.Week, group.Key.Technician, group.Sum(row => row.Claimed), group.Sum(row => row.Resolved)))
            .OrderBy(week => (week.Week, week.Technician), WeekThenTechnician)];
    }

    private Task<IEnumerable<TechnicianWeek>> FromEventsAsync(InsightsFilter filter, bool narrowed, CancellationToken cancellationToken) =>
        PerWeekAsync(filter, buckets => WorkSql + " " + buckets.ValuesSql + WorkEventsSql + (narrowed ? WorkTicketsSql : "") + WorkGroupSql, cancellationToken);

    private Task<IEnumerable<TechnicianWeek>> FromHoursAsync(InsightsFilter filter, CancellationToken cancellationToken) =>
        PerWeekAsync(filter, buckets => WorkHoursSql + " " + buckets.ValuesSql + WorkHoursJoinSql, cancellationToken);

    private async Task<IEnumerable<TechnicianWeek>> PerWeekAsync(InsightsFilter filter, Func<PeriodBuckets, string> sql, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, ReportPeriod.Week, calendar);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Work>(new CommandDefinition(sql(buckets), buckets.Parameters(filter), cancellationToken: cancellationToken));
        return rows.Select(row => new TechnicianWeek(buckets.Labels[(int)row.Bucket], row.Actor, (int)row.Claimed, (int)row.Resolved)).ToList();
    }

    /// <summary>
    /// Whether UTC hours add up exactly to the range and to its local weeks: the range starts and ends on the hour, and
    /// the district's zone is whole hours from UTC throughout it (every US zone today).
    /// </summary>
    private bool InWholeHours(InsightsFilter filter) =>
        OnTheHour(filter.From) && OnTheHour(filter.To)
        && calendar.TimeZone.BaseUtcOffset.Ticks % TimeSpan.TicksPerHour == 0
        && calendar.TimeZone.GetAdjustmentRules()
            .Where(rule => rule.DateStart <= filter.To.UtcDateTime && rule.DateEnd >= filter.From.UtcDateTime.AddDays(-1))
            .All(rule => rule.DaylightDelta.Ticks % TimeSpan.TicksPerHour == 0 && rule.BaseUtcOffsetDelta.Ticks % TimeSpan.TicksPerHour == 0);

    private static bool OnTheHour(DateTimeOffset instant) => instant.Ticks % TimeSpan.TicksPerHour == 0 && instant.Offset.Ticks % TimeSpan.TicksPerHour == 0;

    private sealed record Work
    {
        public long Bucket { get; init; }

        public string Actor { get; init; } = "";

        public long Claimed { get; init; }

        public long Resolved { get; init; }
    }
}

public sealed record TechnicianWeek(string Week, string Technician, int Claimed, int Resolved);
