using System.Data.Common;
using System.Diagnostics;
using Bot.Data.Tickets;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Data.Insights.Summaries;

/// <summary>
/// Keeps the daily ticket summaries (migration 0016) current. The triggers on <c>tickets</c> note the creation time of
/// every ticket written, changed or deleted, in that change's own transaction; before a report reads the summaries, the
/// days those times fall on (district-local) are summarised again from their tickets, and the notes they answer are
/// removed, in one transaction. A report therefore always reads summaries of the tickets as committed when it started.
/// When the district's time zone is not the one the days were cut in (or none yet: the tickets stored before 0016),
/// every day is summarised again.
/// </summary>
public sealed partial class TicketDaySummaries(Database database, BusinessCalendar calendar, ILogger<TicketDaySummaries>? logger = null)
{
    private const string PendingSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM ticket_day_changes) OR (SELECT time_zone FROM ticket_day_calendar) <> @Zone THEN 1 ELSE 0 END
        """;

    private const string ZoneSql = "SELECT time_zone FROM ticket_day_calendar";

    private const string ChangesSql = "SELECT id AS Id, created_at AS CreatedAt FROM ticket_day_changes";

    private const string RangeSql = "SELECT MIN(created_at) AS First, MAX(created_at) AS Last FROM tickets";

    private const string ForgetChangesSql = "DELETE FROM ticket_day_changes WHERE id <= @Last";

    private const string ForgetEverythingSql = """
        DELETE FROM ticket_days; DELETE FROM ticket_day_schools; DELETE FROM ticket_day_models; DELETE FROM ticket_day_labels; DELETE FROM ticket_day_zips
        """;

    private const string SetZoneSql = "UPDATE ticket_day_calendar SET time_zone = @Zone";

    private readonly ILogger log = logger ?? (ILogger)NullLogger.Instance;

    private string Zone => calendar.TimeZone.Id;

    /// <summary>Summarises again the days whose tickets changed since they were last summarised; cheap when none did.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(PendingSql, new { Zone }, cancellationToken: cancellationToken)) == 0)
            {
                return;
            }
        }

        await database.InTransactionAsync(RebuildAsync, cancellationToken);
    }

    private async Task RebuildAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (database.Dialect.ExclusiveWriteLockSql("ticket_day_changes") is { } lockSql)
        {
            // Held to the commit: no change can be noted between reading the notes and removing them, nor two rebuilds overlap.
            await transaction.ExecuteAsync(lockSql, new { }, cancellationToken);
        }

        var connection = transaction.Connection!;
        var changes = (await connection.QueryAsync<Change>(new CommandDefinition(ChangesSql, transaction: transaction, cancellationToken: cancellationToken))).AsList();
        var builder = new TicketDayBuilder(transaction, calendar);
        int days;
        if (await transaction.ScalarAsync<string>(ZoneSql, new { }, cancellationToken) != Zone)
        {
            await transaction.ExecuteAsync(ForgetEverythingSql, new { }, cancellationToken);
            var range = await connection.QuerySingleAsync<TicketRange>(new CommandDefinition(RangeSql, transaction: transaction, cancellationToken: cancellationToken));
            days = range.First is { } first && range.Last is { } last ? await builder.RebuildAsync(Local(first), Local(last), cancellationToken) : 0;
            await transaction.ExecuteAsync(SetZoneSql, new { Zone }, cancellationToken);
        }
        else
        {
            days = 0;
            foreach (var (first, last) in Runs(changes.Select(change => Local(change.CreatedAt))))
            {
                days += await builder.RebuildAsync(first, last, cancellationToken);
            }
        }

        if (changes.Count > 0)
        {
            await transaction.ExecuteAsync(ForgetChangesSql, new { Last = changes.Max(change => change.Id) }, cancellationToken);
        }

        LogRebuilt(log, days, changes.Count, clock.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Summarised {Days} day(s) of tickets again for {Changes} change(s) in {Milliseconds} ms")]
    private static partial void LogRebuilt(ILogger logger, int days, int changes, long milliseconds);

    private DateOnly Local(DateTimeOffset instant) => DateOnly.FromDateTime(calendar.ToLocal(instant));

    /// <summary>The distinct days, as runs of consecutive days (first, last), so that each run is read as one range of tickets.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IEnumerable<DateOnly> days)
    {
        (DateOnly First, DateOnly Last)? run = null;
        foreach (var day in days.Distinct().Order())
        {
            if (run is { } current && current.Last.AddDays(1) == day)
            {
                run = (current.First, day);
                continue;
            }

            if (run is { } done)
            {
                yield return done;
            }

            run = (day, day);
        }

        if (run is { } last)
        {
            yield return last;
        }
    }

    private sealed record Change
    {
        public long Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed record TicketRange
    {
        public DateTimeOffset? First { get; init; }

        public DateTimeOffset? Last { get; init; }
    }
}
