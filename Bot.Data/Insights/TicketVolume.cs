using Bot.Data.Insights.Summaries;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>What people are asking about: ticket counts over time and by channel, category, topic, school, device and place.</summary>
/// <remarks>
/// Over time, by channel, category, topic and place, a range of whole local days not narrowed to a school is counted
/// from the daily summaries (<see cref="TicketDaySummaries"/>); by school, device model and ZIP code too, when it is not
/// narrowed at all. Everything else counts the tickets.
/// </remarks>
public sealed class TicketVolume(Database database, BusinessCalendar calendar, TicketDaySummaries? summaries = null)
{
    private const string DaysSql = "SELECT d.day AS Day, CAST(SUM(d.tickets) AS BIGINT) AS Tickets FROM ticket_days d WHERE "
        + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions + " GROUP BY d.day";

    // The same lookups as SchoolSql and DeviceModelSql below, over the days' counts instead of the tickets.
    private const string SummarySchoolSql = """
        SELECT k.Label, CAST(SUM(k.Tickets) AS BIGINT) AS Tickets FROM (
            SELECT COALESCE((SELECT s.name FROM schools s WHERE s.id = g.Kept),
                            (SELECT MIN(s.name) FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = g.Other)) AS Label, g.Tickets
            FROM (SELECT d.school_id AS Kept, d.person_id AS Other, SUM(d.tickets) AS Tickets
                  FROM ticket_day_schools d WHERE d.day >= @First AND d.day <= @Last GROUP BY d.school_id, d.person_id) g) k
        GROUP BY k.Label
        """;

    private const string SummaryDeviceModelSql = """
        SELECT k.Label, CAST(SUM(k.Tickets) AS BIGINT) AS Tickets FROM (
            SELECT COALESCE(g.Kept, (SELECT d.model FROM devices d WHERE d.id = g.Other)) AS Label, g.Tickets
            FROM (SELECT d.device_model AS Kept, d.device_id AS Other, SUM(d.tickets) AS Tickets
                  FROM ticket_day_models d WHERE d.day >= @First AND d.day <= @Last GROUP BY d.device_model, d.device_id) g) k
        GROUP BY k.Label
        """;

    private const string SummaryZipSql = """
        SELECT d.location_zip AS Label, CAST(SUM(d.tickets) AS BIGINT) AS Tickets FROM ticket_day_zips d WHERE d.day >= @First AND d.day <= @Last GROUP BY d.location_zip
        """;

    private readonly TicketDaySummaries days = summaries ?? new TicketDaySummaries(database, calendar);

    // Joined to a period table (PeriodBuckets.ValuesSql) in front: each period is one range of the created_at index.
    private const string PerPeriodSql = " JOIN tickets t ON t.created_at >= b.column2 AND t.created_at < b.column3 WHERE "
        + InsightsFilter.TicketConditions + " GROUP BY b.column1";

    // School and device model are counted by what the ticket keeps (migration 0015: the person's first school by name,
    // as the queue shows it, so a ticket counts once; the device's model). A ticket without the copy (written straight
    // into the table) is counted by its person or device, looked up once per person or device, not once per ticket.
    private const string SchoolSql = """
        SELECT k.Label, CAST(SUM(k.Tickets) AS BIGINT) AS Tickets FROM (
            SELECT COALESCE((SELECT s.name FROM schools s WHERE s.id = g.Kept),
                            (SELECT MIN(s.name) FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = g.Other)) AS Label, g.Tickets
            FROM (SELECT t.school_id AS Kept, CASE WHEN t.school_id IS NULL THEN t.person_id END AS Other, COUNT(*) AS Tickets
                  FROM tickets t WHERE {0} GROUP BY t.school_id, CASE WHEN t.school_id IS NULL THEN t.person_id END) g) k
        GROUP BY k.Label
        """;

    private const string DeviceModelSql = """
        SELECT k.Label, CAST(SUM(k.Tickets) AS BIGINT) AS Tickets FROM (
            SELECT COALESCE(g.Kept, (SELECT d.model FROM devices d WHERE d.id = g.Other)) AS Label, g.Tickets
            FROM (SELECT t.device_model AS Kept, CASE WHEN t.device_model IS NULL THEN t.device_id END AS Other, COUNT(*) AS Tickets
                  FROM tickets t WHERE {0} GROUP BY t.device_model, CASE WHEN t.device_model IS NULL THEN t.device_id END) g) k
        GROUP BY k.Label
        """;

    private static string ByColumnSql(string column) =>
        "SELECT " + column + " AS Label, COUNT(*) AS Tickets FROM tickets t WHERE " + InsightsFilter.CreatedTickets + " GROUP BY " + column;

    /// <summary>Tickets per topic or per place (<paramref name="dimension"/> of ticket_day_labels) over a summary's days.</summary>
    private static string SummaryByLabelSql(string dimension) =>
        "SELECT d.label AS Label, CAST(SUM(d.tickets) AS BIGINT) AS Tickets FROM ticket_day_labels d WHERE d.dimension = '" + dimension + "' AND "
        + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions + " GROUP BY d.label";

    private static string SummaryByColumnSql(string column) =>
        "SELECT " + column + " AS Label, CAST(SUM(d.tickets) AS BIGINT) AS Tickets FROM ticket_days d WHERE "
        + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions + " GROUP BY " + column;

    /// <summary>Tickets per day, week or month (district-local), with every period of the range listed, empty ones as zero.</summary>
    public async Task<IReadOnlyList<PeriodCount>> OverTimeAsync(InsightsFilter filter, ReportPeriod period, CancellationToken cancellationToken)
    {
        var buckets = PeriodBuckets.Of(filter, period, calendar);
        var counts = new long[buckets.Labels.Count];
        if (SummaryDays.Of(filter, calendar) is { } covered)
        {
            await days.EnsureCurrentAsync(cancellationToken);
            var index = buckets.Labels.Select((label, i) => (label, i)).ToDictionary(pair => pair.label, pair => pair.i, StringComparer.Ordinal);
            await using var summaries = await database.OpenAsync(cancellationToken);
            foreach (var day in await summaries.QueryAsync<DayCount>(new CommandDefinition(DaysSql, covered.Parameters(filter), cancellationToken: cancellationToken)))
            {
                counts[index[ReportPeriods.Label(period, SummaryDays.Day(day.Day))]] += day.Tickets;
            }

            return [.. buckets.Labels.Select((label, i) => new PeriodCount(label, counts[i]))];
        }

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
        var covered = SummaryDays.Of(filter, calendar);
        var unnarrowed = filter.Channel is null && filter.Category is null;
        var summarySql = (dimension, covered) switch
        {
            (VolumeDimension.Channel, { }) => SummaryByColumnSql("d.channel"),
            (VolumeDimension.Category, { }) => SummaryByColumnSql("d.category"),
            (VolumeDimension.Topic, { }) => SummaryByLabelSql("topic"),
            (VolumeDimension.LocationKind, { }) => SummaryByLabelSql("location"),
            (VolumeDimension.Zip, { }) when unnarrowed => SummaryZipSql,
            (VolumeDimension.School, { }) when unnarrowed => SummarySchoolSql,
            (VolumeDimension.DeviceModel, { }) when unnarrowed => SummaryDeviceModelSql,
            _ => null,
        };
        if (summarySql is not null)
        {
            await days.EnsureCurrentAsync(cancellationToken);
        }

        var (sql, parameters) = summarySql is not null && covered is not null ? (summarySql, covered.Parameters(filter)) : (TicketsSql(dimension), filter.Parameters);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QueryAsync<KeyCount>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        // Ordered here: the engines disagree on where NULL sorts.
        return [.. counts.OrderByDescending(count => count.Tickets).ThenBy(count => count.Label is null).ThenBy(count => count.Label, StringComparer.Ordinal)];
    }

    private static string TicketsSql(VolumeDimension dimension) =>
        dimension switch
        {
            VolumeDimension.Channel => ByColumnSql("t.channel"),
            VolumeDimension.Category => ByColumnSql("t.category"),
            VolumeDimension.Topic => ByColumnSql("t.topic"),
            VolumeDimension.School => SchoolSql.Replace("{0}", InsightsFilter.CreatedTickets, StringComparison.Ordinal),
            VolumeDimension.DeviceModel => DeviceModelSql.Replace("{0}", InsightsFilter.CreatedTickets, StringComparison.Ordinal),
            VolumeDimension.LocationKind => ByColumnSql("t.location_kind"),
            VolumeDimension.Zip => ByColumnSql("t.location_zip"),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };

    private sealed record DayCount
    {
        public string Day { get; init; } = "";

        public long Tickets { get; init; }
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
