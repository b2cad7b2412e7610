using System.Diagnostics;
using Bot.Console.Insights;
using Bot.Data;
using Bot.Data.Insights;
using Bot.Data.Insights.Summaries;
using Bot.Data.Tickets;
using Dapper;
using Microsoft.AspNetCore.Http;

namespace Bot.Bench;

/// <summary>
/// Times every report the insights page builds, through <see cref="InsightsReports"/> as the page calls it (query,
/// then the grouping and percentiles done in C#), on the generated history with the clock at its end: once with the
/// page's default filter (no query string: the last six months, by week) and once over the whole 2025-26 school year.
/// Each report is run once to warm up, then 5 times; the median is printed. Then the whole page: the school list and
/// every report one after another, as the page's OnInitializedAsync does. Beside each wall-clock median, the median of
/// this process's CPU time over the same runs: on a shared machine the wall clock mostly measures the queue for a core,
/// while the CPU time (the query too, for SQLite in this process; not PostgreSQL's server) does not. Times only; asserts nothing.
/// </summary>
internal static class InsightsReportsBenchmark
{
    private const int Runs = 5;

    // The page's order (Insights.razor's Sections), which is also every name in InsightsReports.Names.
    private static readonly string[] PageOrder =
    [
        "volume", "volume-by-channel", "volume-by-category", "volume-by-topic", "volume-by-school", "volume-by-device", "volume-by-location", "volume-by-zip",
        "targets-by-month", "response-by-month", "response-by-category", "response-by-channel",
        "self-service-by-topic", "self-service-by-article", "self-service-ratings",
        "technician-open", "technician-weekly",
    ];

    public static async Task RunAsync(Database database)
    {
        var calendar = new BusinessCalendar(new CalendarOptions());
        var time = new FixedTime(InsightsHistory.To.AddMinutes(-1));
        var reports = new InsightsReports(
            new TicketVolume(database, calendar), new ResponseTimes(database, calendar), new TargetsMet(database, calendar, time),
            new SelfServiceInsights(database, calendar), new TechnicianLoad(database, calendar));
        var schools = new ReportSchools(database);
        var pageDefault = InsightsQuery.Parse(new QueryCollection(), calendar, time);
        var schoolYear = new InsightsQuery(new DateOnly(2025, 8, 1), new DateOnly(2026, 7, 31), null, null, null, ReportPeriod.Week);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            var resolutions = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM self_service_resolutions");
            var events = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ticket_events");
            var months = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM self_service_months");
            var hours = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM technician_work_hours");
            System.Console.WriteLine(
                $"self_service_resolutions: {resolutions:N0} rows (self_service_months: {months:N0}), ticket_events: {events:N0} rows (technician_work_hours: {hours:N0})");
        }

        // The daily summaries are brought up to date before the first report reads them: every day, the first time
        // after migration 0016 (its backfill) or after a fresh generation, whose tickets the triggers all noted.
        var summarising = Stopwatch.StartNew();
        await new TicketDaySummaries(database, calendar).EnsureCurrentAsync(CancellationToken.None);
        System.Console.WriteLine($"daily summaries brought up to date in {summarising.Elapsed.TotalSeconds:F1} s");

        var filters = new[] { ("page default", pageDefault), ("school year", schoolYear) };
        foreach (var (name, query) in filters)
        {
            var filter = query.Filter(calendar);
            System.Console.WriteLine($"{name}: {query.From:yyyy-MM-dd} to {query.To:yyyy-MM-dd} local ({filter.From:u} to {filter.To:u}), by {query.Period.ToString().ToLowerInvariant()}");
        }

        System.Console.WriteLine();
        System.Console.WriteLine($"{"report",-26} {"default rows",12} {"default ms",11} {"cpu ms",7} {"year rows",10} {"year ms",9} {"cpu ms",7}");
        var results = new List<(string Report, int[] Rows, double[] Medians)>();
        foreach (var report in PageOrder.Prepend("schools"))
        {
            var rows = new int[filters.Length];
            var medians = new double[filters.Length];
            var cpu = new double[filters.Length];
            for (var i = 0; i < filters.Length; i++)
            {
                var query = filters[i].Item2;
                var filter = query.Filter(calendar);
                rows[i] = await RowsAsync();
                (medians[i], cpu[i]) = await MediansAsync(async () => await RowsAsync());

                async Task<int> RowsAsync() => report == "schools"
                    ? (await schools.ListAsync(CancellationToken.None)).Count
                    : (await reports.BuildAsync(report, filter, query.Period, CancellationToken.None)).Rows.Count;
            }

            results.Add((report, rows, medians));
            System.Console.WriteLine($"{report,-26} {rows[0],12} {medians[0],11:F1} {cpu[0],7:F1} {rows[1],10} {medians[1],9:F1} {cpu[1],7:F1}");
        }

        var pages = new double[filters.Length];
        var pagesCpu = new double[filters.Length];
        for (var i = 0; i < filters.Length; i++)
        {
            var query = filters[i].Item2;
            (pages[i], pagesCpu[i]) = await MediansAsync(async () =>
            {
                var filter = query.Filter(calendar);
                await schools.ListAsync(CancellationToken.None);
                foreach (var report in PageOrder)
                {
                    await reports.BuildAsync(report, filter, query.Period, CancellationToken.None);
                }
            });
        }

        System.Console.WriteLine($"{"whole page (18 calls)",-26} {"",12} {pages[0],11:F1} {pagesCpu[0],7:F1} {"",10} {pages[1],9:F1} {pagesCpu[1],7:F1}");
        System.Console.WriteLine($"sum of the parts: {results.Sum(r => r.Medians[0]):F1} ms default, {results.Sum(r => r.Medians[1]):F1} ms school year; over 200 ms: "
            + string.Join(", ", results.Where(r => r.Medians.Any(ms => ms > 200)).Select(r => r.Report)));

        // What the next report pays after a ticket changes: the ticket's day summarised again. A ticket of the first week
        // of school, the busiest days, is touched (its category set to itself: the trigger notes it all the same).
        var summaries = new TicketDaySummaries(database, calendar);
        await using var writer = await database.OpenAsync(CancellationToken.None);
        var ticket = await writer.ExecuteScalarAsync<long>("SELECT id FROM tickets WHERE created_at >= @At ORDER BY created_at LIMIT 1", new { At = BusiestWeek });
        var times = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            await writer.ExecuteAsync("UPDATE tickets SET category = category WHERE id = @Id", new { Id = ticket });
            var timer = Stopwatch.StartNew();
            await summaries.EnsureCurrentAsync(CancellationToken.None);
            if (run > 0)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        System.Console.WriteLine($"one ticket changed, then its day summarised again before the next report: median {times[Runs / 2]:F1} ms");
    }

    private static readonly DateTimeOffset BusiestWeek = new(2025, 8, 27, 18, 0, 0, TimeSpan.Zero);

    /// <summary>One warm-up run, then the medians of <see cref="Runs"/> timed runs' wall-clock and process CPU time, in ms.</summary>
    private static async Task<(double Wall, double Cpu)> MediansAsync(Func<Task> run)
    {
        await run();
        var walls = new List<double>();
        var cpus = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < Runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            await run();
            walls.Add(timer.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        walls.Sort();
        cpus.Sort();
        return (walls[Runs / 2], cpus[Runs / 2]);
    }

    /// <summary>The clock at the end of the generated history, so "the last six months" are its last six months.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
