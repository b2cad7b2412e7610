using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>What people are asking about: ticket counts over time and by channel, category, topic, school, device and place.</summary>
public sealed class TicketVolume(Database database, BusinessCalendar calendar)
{
    // Joined to a period table (PeriodBuckets.ValuesSql) in front: each period is one range of the created_at index.
    private const string PerPeriodSql = " JOIN tickets t ON t.created_at >= b.column2 AND t.created_at < b.column3 WHERE "
        + InsightsFilter.TicketConditions + " GROUP BY b.column1";

    // Per dimension, the ticket column to count by, then the label of each of its values (g.Value), from this fixed
    // list (never from input). School and device model are looked up once per person or device counted, not once per
    // ticket. A ticket counts once even when its person has several schools, under the first school by name, as the
    // queue shows it.
    private const string Itself = "g.Value";
    private const string SchoolOfPerson = "(SELECT MIN(s.name) FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = g.Value)";
    private const string ModelOfDevice = "(SELECT d.model FROM devices d WHERE d.id = g.Value)";

    // The label goes in a derived table, so that both engines group by its value.
    private static string ByDimensionSql(string column, string label) =>
        "SELECT k.Label, CAST(SUM(k.Tickets) AS BIGINT) AS Tickets FROM (SELECT " + label + " AS Label, g.Tickets FROM (SELECT "
        + column + " AS Value, COUNT(*) AS Tickets FROM tickets t WHERE " + InsightsFilter.CreatedTickets + " GROUP BY " + column + ") g) k GROUP BY k.Label";

    /// <summary>Tickets per day, week or month (district-local), with every period of the range listed, empty ones as zero.</summary>
    public async Task<IReadOnlyList<PeriodCount>> OverTimeAsync(InsightsFilter filter, ReportPeriod period, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, period, calendar);
        var counts = new long[buckets.Labels.Count];
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = "SELECT b.column1 AS Bucket, COUNT(*) AS Tickets FROM " + buckets.ValuesSql + PerPeriodSql;
        foreach (var row in await connection.QueryAsync<BucketCount>(new CommandDefinition(sql, buckets.Parameters(filter), cancellationToken: cancellationToken)))
        {
            counts[(int)row.Bucket] = row.Tickets;
        }

        return [.. buckets.Labels.Select((label, i) => new PeriodCount(label, counts[i]))];
    }

    /// <summary>Tickets per value of <paramref name="dimension"/>, most first; tickets without a value count under a null label.</summary>
    public async Task<IReadOnlyList<KeyCount>> ByAsync(InsightsFilter filter, VolumeDimension dimension, CancellationToken cancellationToken)
    {
        var (column, label) = dimension switch
        {
            VolumeDimension.Channel => ("t.channel", Itself),
            VolumeDimension.Category => ("t.category", Itself),
            VolumeDimension.Topic => ("t.topic", Itself),
            VolumeDimension.School => ("t.person_id", SchoolOfPerson),
            VolumeDimension.DeviceModel => ("t.device_id", ModelOfDevice),
            VolumeDimension.LocationKind => ("t.location_kind", Itself),
            VolumeDimension.Zip => ("t.location_zip", Itself),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = ByDimensionSql(column, label);
        var counts = await connection.QueryAsync<KeyCount>(new CommandDefinition(sql, filter.Parameters, cancellationToken: cancellationToken));
        // Ordered here: the engines disagree on where NULL sorts.
        return [.. counts.OrderByDescending(count => count.Tickets).ThenBy(count => count.Label is null).ThenBy(count => count.Label, StringComparer.Ordinal)];
    }

    private sealed record BucketCount
    {
        public long Bucket { get; init; }

        public long Tickets { get; init; }
    }
}

public enum VolumeDimension
{
    Channel,
    Category,
    Topic,
    School,
    DeviceModel,
    LocationKind,
    Zip,
}

public sealed record PeriodCount(string Period, long Tickets);

public sealed record KeyCount
{
    public string? Label { get; init; }

    public long Tickets { get; init; }
}
