using Bot.Data.Insights.Summaries;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// The share of tickets that met their targets, per month the tickets were opened. A ticket met its first-response
/// target when answered by the due time; its resolution target when resolved by the due time (the last resolution, for
/// one reopened). A ticket not yet answered or resolved counts as met while its due time is still ahead, and as missed
/// once it has passed: so a month's figure can only fall as its open tickets run late.
/// </summary>
/// <remarks>
/// A range of whole local days not narrowed to a school reads the daily summaries (<see cref="TicketDaySummaries"/>)
/// for the tickets and the targets met once answered or resolved, and only the unfinished tickets (a partial index)
/// for the rest, since whether those count as met depends on the time of the report.
/// </remarks>
public sealed class TargetsMet(Database database, BusinessCalendar calendar, TimeProvider time, TicketDaySummaries? summaries = null)
{
    // Counted by the database per month (a PeriodBuckets table in front), so that only one row a month comes back.
    private const string PerMonthSql = """
         JOIN tickets t ON t.created_at >= b.column2 AND t.created_at < b.column3
        WHERE
        """ + " " + InsightsFilter.TicketConditions + " GROUP BY b.column1";

    private const string CountsSql = """
        SELECT b.column1 AS Bucket, COUNT(*) AS Tickets,
               SUM(CASE WHEN t.first_response_at IS NOT NULL AND t.first_response_at <= t.first_response_due_at THEN 1
                        WHEN t.first_response_at IS NULL AND @Now <= t.first_response_due_at THEN 1 ELSE 0 END) AS FirstResponseMet,
               SUM(CASE WHEN t.resolved_at IS NOT NULL AND t.resolved_at <= t.resolution_due_at THEN 1
                        WHEN t.resolved_at IS NULL AND @Now <= t.resolution_due_at THEN 1 ELSE 0 END) AS ResolutionMet
        FROM
        """;

    // The unfinished tickets only: the condition is the partial index's (migration 0016), word for word, so that it is used.
    private const string UnfinishedSql = """
        SELECT b.column1 AS Bucket, 0 AS Tickets,
               SUM(CASE WHEN t.first_response_at IS NULL AND @Now <= t.first_response_due_at THEN 1 ELSE 0 END) AS FirstResponseMet,
               SUM(CASE WHEN t.resolved_at IS NULL AND @Now <= t.resolution_due_at THEN 1 ELSE 0 END) AS ResolutionMet
        FROM
        """;

    private const string UnfinishedPerMonthSql = """
         JOIN tickets t ON t.created_at >= b.column2 AND t.created_at < b.column3
        WHERE (t.first_response_at IS NULL OR t.resolved_at IS NULL) AND (@Channel IS NULL OR t.channel = @Channel) AND (@Category IS NULL OR t.category = @Category)
        GROUP BY b.column1
        """;

    private const string SummarySql = """
        SELECT d.day AS Day, d.tickets AS Tickets, d.first_response_met AS FirstResponseMet, d.resolution_met AS ResolutionMet
        FROM ticket_days d WHERE
        """ + " " + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions;

    private readonly TicketDaySummaries days = summaries ?? new TicketDaySummaries(database, calendar);

    public async Task<IReadOnlyList<MonthTargets>> ByMonthAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, ReportPeriod.Month, calendar);
        var parameters = buckets.Parameters(filter, new { Now = time.GetUtcNow() });
        if (SummaryDays.Of(filter, calendar) is { } covered)
        {
            return await FromSummariesAsync(covered, filter, buckets, parameters, cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = CountsSql + " " + buckets.ValuesSql + PerMonthSql;
        var rows = await connection.QueryAsync<BucketTargets>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        // Months without tickets are left out, as they have no share to show.
        return [.. rows.OrderBy(row => row.Bucket)
            .Select(row => new MonthTargets(buckets.Labels[(int)row.Bucket], (int)row.Tickets, (int)row.FirstResponseMet, (int)row.ResolutionMet))];
    }

    private async Task<IReadOnlyList<MonthTargets>> FromSummariesAsync(
        SummaryDays covered, InsightsFilter filter, PeriodBuckets buckets, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        await days.EnsureCurrentAsync(cancellationToken);
        var months = new SortedDictionary<string, (long Tickets, long FirstResponseMet, long ResolutionMet)>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var day in await connection.QueryAsync<DayTargets>(new CommandDefinition(SummarySql, covered.Parameters(filter), cancellationToken: cancellationToken)))
        {
            // A day's month is its first seven characters ('yyyy-MM'), as ReportPeriods labels months.
            var (tickets, firstResponse, resolution) = months.GetValueOrDefault(day.Day[..7]);
            months[day.Day[..7]] = (tickets + day.Tickets, firstResponse + day.FirstResponseMet, resolution + day.ResolutionMet);
        }

        var sql = UnfinishedSql + " " + buckets.ValuesSql + UnfinishedPerMonthSql;
        foreach (var row in await connection.QueryAsync<BucketTargets>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))
        {
            var month = buckets.Labels[(int)row.Bucket];
            var (tickets, firstResponse, resolution) = months.GetValueOrDefault(month);
            months[month] = (tickets, firstResponse + row.FirstResponseMet, resolution + row.ResolutionMet);
        }

        return [.. months.Select(pair => new MonthTargets(pair.Key, (int)pair.Value.Tickets, (int)pair.Value.FirstResponseMet, (int)pair.Value.ResolutionMet))];
    }

    private sealed record BucketTargets
    {
        public long Bucket { get; init; }

        public long Tickets { get; init; }

        public long FirstResponseMet { get; init; }

        public long ResolutionMet { get; init; }
    }

    private sealed record DayTargets
    {
        public string Day { get; init; } = "";

        public long Tickets { get; init; }

        public long FirstResponseMet { get; init; }

        public long ResolutionMet { get; init; }
    }
}

public sealed record MonthTargets(string Month, int Tickets, int FirstResponseMet, int ResolutionMet)
{
    public double FirstResponseMetShare => Tickets == 0 ? 0 : (double)FirstResponseMet / Tickets;

    public double ResolutionMetShare => Tickets == 0 ? 0 : (double)ResolutionMet / Tickets;
}
