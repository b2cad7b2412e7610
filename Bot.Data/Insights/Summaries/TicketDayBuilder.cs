using System.Data;
using System.Data.Common;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights.Summaries;

/// <summary>
/// Summarises a run of district-local days from their tickets, inside the caller's transaction: the days' old summary
/// rows go, and new ones are written from three passes over the tickets, each read from one covering index (migrations
/// 0015 and 0017): times and targets per channel and category; tickets per school, device model, topic, place and ZIP
/// code; and tickets escalated from an article, per article.
/// </summary>
internal sealed class TicketDayBuilder(DbTransaction transaction, BusinessCalendar calendar)
{
    private static readonly DateTimeOffsetHandler Times = new();

    // Each by its index: ticket_day_labels' leads with the dimension, so it is named.
    private const string ForgetSql = """
        DELETE FROM ticket_days WHERE day >= @First AND day <= @Last;
        DELETE FROM ticket_day_schools WHERE day >= @First AND day <= @Last;
        DELETE FROM ticket_day_models WHERE day >= @First AND day <= @Last;
        DELETE FROM ticket_day_labels WHERE dimension IN ('topic', 'location', 'article') AND day >= @First AND day <= @Last;
        DELETE FROM ticket_day_zips WHERE day >= @First AND day <= @Last
        """;

    private const string TimesSql = """
        SELECT created_at, channel, category, first_response_business_hours, resolution_business_hours,
               first_response_at, resolved_at, first_response_due_at, resolution_due_at
        FROM tickets WHERE created_at >= @From AND created_at < @To
        """;

    private const string GroupsSql = """
        SELECT created_at, school_id, person_id, device_model, device_id, channel, category, topic, location_kind, location_zip
        FROM tickets WHERE created_at >= @From AND created_at < @To
        """;

    // From the escalated tickets' own partial index (0017).
    private const string ArticlesSql = """
        SELECT created_at, channel, category, article_slug
        FROM tickets WHERE article_slug IS NOT NULL AND created_at >= @From AND created_at < @To
        """;

    private static readonly BatchInsert Days = new(
        "ticket_days", ("day", DbType.String), ("channel", DbType.String), ("category", DbType.String), ("tickets", DbType.Int64),
        ("first_response_met", DbType.Int64), ("resolution_met", DbType.Int64), ("first_response_hours", DbType.Binary), ("resolution_hours", DbType.Binary));

    private static readonly BatchInsert Schools = new("ticket_day_schools", ("day", DbType.String), ("school_id", DbType.Int64), ("person_id", DbType.Int64), ("tickets", DbType.Int64));

    private static readonly BatchInsert Models = new("ticket_day_models", ("day", DbType.String), ("device_model", DbType.String), ("device_id", DbType.Int64), ("tickets", DbType.Int64));

    private static readonly BatchInsert Labels = new(
        "ticket_day_labels", ("day", DbType.String), ("channel", DbType.String), ("category", DbType.String), ("dimension", DbType.String), ("label", DbType.String), ("tickets", DbType.Int64));

    private static readonly BatchInsert Zips = new("ticket_day_zips", ("day", DbType.String), ("location_zip", DbType.String), ("tickets", DbType.Int64));

    /// <summary>Summarises the days from <paramref name="first"/> to <paramref name="last"/>, both included; returns how many.</summary>
    public async Task<int> RebuildAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var range = new { From = calendar.StartOfDay(first), To = calendar.StartOfDay(last.AddDays(1)) };
        await transaction.ExecuteAsync(ForgetSql, new { First = SummaryDays.Key(first), Last = SummaryDays.Key(last) }, cancellationToken);
        await Days.WriteAsync(transaction, await DaysAsync(range, cancellationToken), cancellationToken);
        var groups = await GroupsAsync(range, cancellationToken);
        await ArticlesAsync(groups, range, cancellationToken);
        await Schools.WriteAsync(transaction, groups.Schools.Select(pair => new object?[] { pair.Key.Day, pair.Key.SchoolId, pair.Key.PersonId, pair.Value }), cancellationToken);
        await Models.WriteAsync(transaction, groups.Models.Select(pair => new object?[] { pair.Key.Day, pair.Key.Model, pair.Key.DeviceId, pair.Value }), cancellationToken);
        await Labels.WriteAsync(
            transaction, groups.Labels.Select(pair => new object?[] { pair.Key.Day, pair.Key.Channel, pair.Key.Category, pair.Key.Dimension, pair.Key.Label, pair.Value }), cancellationToken);
        await Zips.WriteAsync(transaction, groups.Zips.Select(pair => new object?[] { pair.Key.Day, pair.Key.Zip, pair.Value }), cancellationToken);
        return last.DayNumber - first.DayNumber + 1;
    }

    private async Task<IEnumerable<object?[]>> DaysAsync(object range, CancellationToken cancellationToken)
    {
        var days = new Dictionary<(string Day, string Channel, string Category), DayTotals>();
        await using var reader = await transaction.Connection!.ExecuteReaderAsync(new CommandDefinition(TimesSql, range, transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var created = Times.Parse(reader.GetValue(0));
            var key = (Day(created), reader.GetString(1), reader.GetString(2));
            if (!days.TryGetValue(key, out var totals))
            {
                days[key] = totals = new DayTotals();
            }

            var firstResponseAt = Time(reader, 5);
            var resolvedAt = Time(reader, 6);
            totals.Tickets++;
            totals.FirstResponseMet += firstResponseAt is { } answered && answered <= Times.Parse(reader.GetValue(7)) ? 1 : 0;
            totals.ResolutionMet += resolvedAt is { } resolved && resolved <= Times.Parse(reader.GetValue(8)) ? 1 : 0;
            // Stored when answered and resolved (TicketActions); worked out here for a ticket written without them, as the reports did.
            if ((Hours(reader, 3) ?? HoursBetween(created, firstResponseAt)) is { } firstResponse)
            {
                totals.FirstResponseHours.Add(firstResponse);
            }

            if ((Hours(reader, 4) ?? HoursBetween(created, resolvedAt)) is { } resolution)
            {
                totals.ResolutionHours.Add(resolution);
            }
        }

        return days.Select(pair => new object?[]
        {
            pair.Key.Day, pair.Key.Channel, pair.Key.Category, pair.Value.Tickets, pair.Value.FirstResponseMet, pair.Value.ResolutionMet,
            HoursBlob.Encode(pair.Value.FirstResponseHours), HoursBlob.Encode(pair.Value.ResolutionHours),
        });
    }

    private async Task<DayGroups> GroupsAsync(object range, CancellationToken cancellationToken)
    {
        var groups = new DayGroups();
        await using var reader = await transaction.Connection!.ExecuteReaderAsync(new CommandDefinition(GroupsSql, range, transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = Day(Times.Parse(reader.GetValue(0)));
            // A ticket that keeps its school or model is counted by it; one that does not, by its person or device.
            var schoolId = Id(reader, 1);
            Count(groups.Schools, (day, schoolId, schoolId is null ? Id(reader, 2) : null));
            var model = Text(reader, 3);
            Count(groups.Models, (day, model, model is null ? Id(reader, 4) : null));
            var (channel, category) = (reader.GetString(5), reader.GetString(6));
            Count(groups.Labels, (day, channel, category, "topic", reader.GetString(7)));
            Count(groups.Labels, (day, channel, category, "location", Text(reader, 8)));
            Count(groups.Zips, (day, Text(reader, 9)));
        }

        return groups;
    }

    private async Task ArticlesAsync(DayGroups groups, object range, CancellationToken cancellationToken)
    {
        await using var reader = await transaction.Connection!.ExecuteReaderAsync(new CommandDefinition(ArticlesSql, range, transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            Count(groups.Labels, (Day(Times.Parse(reader.GetValue(0))), reader.GetString(1), reader.GetString(2), "article", reader.GetString(3)));
        }
    }

    private static void Count<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;

    private string Day(DateTimeOffset created) => SummaryDays.Key(DateOnly.FromDateTime(calendar.ToLocal(created)));

    private double? HoursBetween(DateTimeOffset created, DateTimeOffset? end) =>
        end is { } at ? calendar.BusinessTimeBetween(created, at).TotalHours : null;

    private static DateTimeOffset? Time(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : Times.Parse(reader.GetValue(column));

    private static double? Hours(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static long? Id(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private sealed class DayTotals
    {
        public long Tickets { get; set; }

        public long FirstResponseMet { get; set; }

        public long ResolutionMet { get; set; }

        public List<double> FirstResponseHours { get; } = [];

        public List<double> ResolutionHours { get; } = [];
    }

    /// <summary>The counts of the second pass, by day and what they are counted by (nulls are keys too: the reports show them as "(none)").</summary>
    private sealed class DayGroups
    {
        public Dictionary<(string Day, long? SchoolId, long? PersonId), long> Schools { get; } = [];

        public Dictionary<(string Day, string? Model, long? DeviceId), long> Models { get; } = [];

        public Dictionary<(string Day, string Channel, string Category, string Dimension, string? Label), long> Labels { get; } = [];

        public Dictionary<(string Day, string? Zip), long> Zips { get; } = [];
    }
}
