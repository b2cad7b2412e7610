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
    private const string TargetsSql = """
        SELECT t.created_at AS CreatedAt, t.first_response_due_at AS FirstResponseDueAt, t.first_response_at AS FirstResponseAt,
               t.resolution_due_at AS ResolutionDueAt, t.resolved_at AS ResolvedAt
        FROM tickets t
        WHERE
        """ + " " + InsightsFilter.CreatedTickets;

    public async Task<IReadOnlyList<MonthTargets>> ByMonthAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var months = new SortedDictionary<string, (int Tickets, int FirstResponseMet, int ResolutionMet)>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await foreach (var ticket in connection.QueryUnbufferedAsync<TicketTargets>(TargetsSql, filter.Parameters).WithCancellation(cancellationToken))
        {
            var month = ReportPeriods.Label(ReportPeriod.Month, DateOnly.FromDateTime(calendar.ToLocal(ticket.CreatedAt)));
            var (tickets, firstResponseMet, resolutionMet) = months.GetValueOrDefault(month);
            months[month] = (
                tickets + 1,
                firstResponseMet + (Met(ticket.FirstResponseAt, ticket.FirstResponseDueAt, now) ? 1 : 0),
                resolutionMet + (Met(ticket.ResolvedAt, ticket.ResolutionDueAt, now) ? 1 : 0));
        }

        return [.. months.Select(pair => new MonthTargets(pair.Key, pair.Value.Tickets, pair.Value.FirstResponseMet, pair.Value.ResolutionMet))];
    }

    private static bool Met(DateTimeOffset? doneAt, DateTimeOffset dueAt, DateTimeOffset now) =>
        doneAt is { } done ? done <= dueAt : now <= dueAt;

    private sealed record TicketTargets
    {
        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset FirstResponseDueAt { get; init; }

        public DateTimeOffset? FirstResponseAt { get; init; }

        public DateTimeOffset ResolutionDueAt { get; init; }

        public DateTimeOffset? ResolvedAt { get; init; }
    }
}

public sealed record MonthTargets(string Month, int Tickets, int FirstResponseMet, int ResolutionMet)
{
    public double FirstResponseMetShare => Tickets == 0 ? 0 : (double)FirstResponseMet / Tickets;

    public double ResolutionMetShare => Tickets == 0 ? 0 : (double)ResolutionMet / Tickets;
}
