using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// How long people waited, in business hours on the district's calendar: to the first response, and to resolution (the
/// last one, for a ticket that was reopened), as median and 90th percentile per month, category or channel.
/// </summary>
public sealed class ResponseTimes(Database database, BusinessCalendar calendar)
{
    private const string TimesSql = """
        SELECT t.created_at AS CreatedAt, t.first_response_at AS FirstResponseAt, t.resolved_at AS ResolvedAt,
               t.category AS Category, t.channel AS Channel
        FROM tickets t
        WHERE
        """ + " " + InsightsFilter.CreatedTickets;

    public async Task<IReadOnlyList<DurationSummary>> ByAsync(InsightsFilter filter, ResponseGrouping grouping, CancellationToken cancellationToken)
    {
        var groups = new SortedDictionary<string, (List<double> FirstResponse, List<double> Resolution)>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Streamed: only two numbers per ticket are kept, for the percentiles.
        await foreach (var ticket in connection.QueryUnbufferedAsync<TicketTimes>(TimesSql, filter.Parameters).WithCancellation(cancellationToken))
        {
            var key = grouping switch
            {
                ResponseGrouping.Month => ReportPeriods.Label(ReportPeriod.Month, DateOnly.FromDateTime(calendar.ToLocal(ticket.CreatedAt))),
                ResponseGrouping.Category => ticket.Category,
                _ => ticket.Channel,
            };
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = ([], []);
            }

            if (ticket.FirstResponseAt is { } responded)
            {
                group.FirstResponse.Add(calendar.BusinessTimeBetween(ticket.CreatedAt, responded).TotalHours);
            }

            if (ticket.ResolvedAt is { } resolved)
            {
                group.Resolution.Add(calendar.BusinessTimeBetween(ticket.CreatedAt, resolved).TotalHours);
            }
        }

        return [.. groups.Select(pair => new DurationSummary(
            pair.Key,
            pair.Value.FirstResponse.Count,
            Percentile.Of(pair.Value.FirstResponse, 0.5),
            Percentile.Of(pair.Value.FirstResponse, 0.9),
            pair.Value.Resolution.Count,
            Percentile.Of(pair.Value.Resolution, 0.5),
            Percentile.Of(pair.Value.Resolution, 0.9)))];
    }

    private sealed record TicketTimes
    {
        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? FirstResponseAt { get; init; }

        public DateTimeOffset? ResolvedAt { get; init; }

        public string Category { get; init; } = "";

        public string Channel { get; init; } = "";
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
