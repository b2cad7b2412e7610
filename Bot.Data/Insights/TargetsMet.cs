using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// The share of tickets that met their targets, per month the tickets were opened. A ticket met its first-response
/// target when answered by the due time; its resolution target when resolved by the due time (the last resolution, for
/// one reopened). A ticket not yet answered or resolved counts as met while its due time is still ahead, and as missed
/// once it has passed: so a month's figure can only fall as its open tickets run late.
/// </summary>
public sealed class TargetsMet(Database database, BusinessCalendar calendar, TimeProvider time)
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

    public async Task<IReadOnlyList<MonthTargets>> ByMonthAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, ReportPeriod.Month, calendar);
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = CountsSql + " " + buckets.ValuesSql + PerMonthSql;
        var rows = await connection.QueryAsync<BucketTargets>(new CommandDefinition(sql, buckets.Parameters(filter, new { Now = time.GetUtcNow() }), cancellationToken: cancellationToken));
        // Months without tickets are left out, as they have no share to show.
        return [.. rows.OrderBy(row => row.Bucket)
            .Select(row => new MonthTargets(buckets.Labels[(int)row.Bucket], (int)row.Tickets, (int)row.FirstResponseMet, (int)row.ResolutionMet))];
    }

    private sealed record BucketTargets
    {
        public long Bucket { get; init; }

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
