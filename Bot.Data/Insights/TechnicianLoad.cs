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

    // Claims are the events TicketActions.ClaimAsync writes; a resolution is a move into 'resolved'.
    private const string WorkSql = """
        SELECT e.actor AS Actor, e.at AS At, CASE WHEN e.to_status = 'resolved' THEN 1 ELSE 0 END AS Resolution
        FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.at >= @From AND e.at < @To
          AND (e.note LIKE 'claimed by %' OR (e.to_status = 'resolved' AND e.from_status <> 'resolved'))
          AND
        """ + " " + InsightsFilter.TicketConditions;

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
        var weeks = new SortedDictionary<(string Week, string Technician), (int Claimed, int Resolved)>(WeekThenTechnician);
        await using var connection = await database.OpenAsync(cancellationToken);
        await foreach (var work in connection.QueryUnbufferedAsync<Work>(WorkSql, filter.Parameters).WithCancellation(cancellationToken))
        {
            var key = (ReportPeriods.Label(ReportPeriod.Week, DateOnly.FromDateTime(calendar.ToLocal(work.At))), work.Actor);
            var (claimed, resolved) = weeks.GetValueOrDefault(key);
            weeks[key] = work.Resolution == 1 ? (claimed, resolved + 1) : (claimed + 1, resolved);
        }

        return [.. weeks.Select(pair => new TechnicianWeek(pair.Key.Week, pair.Key.Technician, pair.Value.Claimed, pair.Value.Resolved))];
    }

    private sealed record Work
    {
        public string Actor { get; init; } = "";

        public DateTimeOffset At { get; init; }

        public long Resolution { get; init; }
    }
}

public sealed record TechnicianWeek(string Week, string Technician, int Claimed, int Resolved);
