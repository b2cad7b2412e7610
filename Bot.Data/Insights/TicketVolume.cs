using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>What people are asking about: ticket counts over time and by channel, category, topic, school, device and place.</summary>
public sealed class TicketVolume(Database database, BusinessCalendar calendar)
{
    private const string CreatedSql = "SELECT t.created_at FROM tickets t WHERE " + InsightsFilter.CreatedTickets;

    // One expression per dimension, chosen from this fixed list (never from input); a ticket counts once even when its
    // person has several schools, under the first school by name, as the queue shows it.
    private const string ChannelKey = "t.channel";
    private const string CategoryKey = "t.category";
    private const string TopicKey = "t.topic";
    private const string SchoolKey = "(SELECT MIN(s.name) FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = t.person_id)";
    private const string DeviceModelKey = "(SELECT d.model FROM devices d WHERE d.id = t.device_id)";
    private const string LocationKindKey = "t.location_kind";
    private const string ZipKey = "t.location_zip";

    // The dimension's expression goes in a derived table, so that both engines group by its value.
    private const string ByDimensionStart = "SELECT k.Label, COUNT(*) AS Tickets FROM (SELECT ";
    private const string ByDimensionEnd = " AS Label FROM tickets t WHERE " + InsightsFilter.CreatedTickets + ") k GROUP BY k.Label";

    /// <summary>Tickets per day, week or month (district-local), with every period of the range listed, empty ones as zero.</summary>
    public async Task<IReadOnlyList<PeriodCount>> OverTimeAsync(InsightsFilter filter, ReportPeriod period, CancellationToken cancellationToken)
    {
        var counts = ReportPeriods.Between(period, LocalDate(filter.From), LocalDate(filter.To.AddTicks(-1)))
            .ToDictionary(label => label, _ => 0L, StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Streamed, so memory holds the periods, not the tickets.
        await foreach (var created in connection.QueryUnbufferedAsync<DateTimeOffset>(CreatedSql, filter.Parameters).WithCancellation(cancellationToken))
        {
            counts[ReportPeriods.Label(period, LocalDate(created))]++;
        }

        return [.. counts.Select(pair => new PeriodCount(pair.Key, pair.Value))];
    }

    /// <summary>Tickets per value of <paramref name="dimension"/>, most first; tickets without a value count under a null label.</summary>
    public async Task<IReadOnlyList<KeyCount>> ByAsync(InsightsFilter filter, VolumeDimension dimension, CancellationToken cancellationToken)
    {
        var key = dimension switch
        {
            VolumeDimension.Channel => ChannelKey,
            VolumeDimension.Category => CategoryKey,
            VolumeDimension.Topic => TopicKey,
            VolumeDimension.School => SchoolKey,
            VolumeDimension.DeviceModel => DeviceModelKey,
            VolumeDimension.LocationKind => LocationKindKey,
            VolumeDimension.Zip => ZipKey,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = ByDimensionStart + key + ByDimensionEnd;
        var counts = await connection.QueryAsync<KeyCount>(new CommandDefinition(sql, filter.Parameters, cancellationToken: cancellationToken));
        // Ordered here: the engines disagree on where NULL sorts.
        return [.. counts.OrderByDescending(count => count.Tickets).ThenBy(count => count.Label is null).ThenBy(count => count.Label, StringComparer.Ordinal)];
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(calendar.ToLocal(instant));
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
