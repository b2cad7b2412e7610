using System.Diagnostics;
using Bot.Data;
using Bot.Data.Insights.Alerts;
using Bot.Testing;
using Dapper;

namespace Bot.Bench;

/// <summary>
/// <c>insights-history &lt;sqlite|postgres&gt; [tickets] [--db path-or-name]</c>: generates three school years of tickets
/// (10 messages each on average) into a fresh, migrated database, plants one spike, then times the spike detector's
/// query for each dimension (median of 5 after a warm-up) at an ordinary week and at the start of a school year, for a
/// daily and a weekly window, and one whole scan; then every report of the insights page (<see cref="InsightsReportsBenchmark"/>).
/// With <c>--db</c> the database is kept, and a later run that names it skips the generation and reuses it (delete it
/// if a generation was interrupted: a half-written one would be reused as it is). Prints times; asserts nothing.
/// </summary>
internal static class InsightsHistoryBenchmark
{
    private const int Runs = 5;
    private const string SpikeZip = "75012";
    private static readonly DateTimeOffset OrdinaryWeek = new(2026, 3, 4, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SchoolStart = new(2025, 8, 27, 18, 0, 0, TimeSpan.Zero);
    private static readonly SpikeThresholds Defaults = new(MinimumCount: 5, MinimumRatio: 3.0, MaximumPValue: 1e-4, MinimumExpected: 0.5);

    public static async Task RunAsync(StorageProvider provider, int ticketCount, string? kept)
    {
        await using var test = await HistoryDatabase.OpenAsync(provider, kept);
        if (test.Exists)
        {
            System.Console.WriteLine($"{provider}: reusing the history already generated in {kept}");
        }
        else
        {
            await GenerateAsync(provider, ticketCount, test);
        }

        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            var tickets = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tickets");
            var messages = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages");
            System.Console.WriteLine($"database holds {tickets:N0} tickets and {messages:N0} messages");
        }

        var counts = new TicketGroupCounts(test.Database);
        System.Console.WriteLine($"{"scan at",-22} {"window",-16} {"dimension",-9} {"groups",7} {"median ms",10} {"min ms",8}");
        foreach (var (name, at) in new[] { ("ordinary week", OrdinaryWeek), ("school-year start", SchoolStart) })
        {
            foreach (var (windowName, window) in new[] { ("1 day × 28", AlertWindow.Ending(at, TimeSpan.FromDays(1), 28)), ("7 days × 8", AlertWindow.Ending(at, TimeSpan.FromDays(7), 8)) })
            {
                foreach (var dimension in AlertDimension.All)
                {
                    var groups = (await counts.CountAsync(dimension, window, CancellationToken.None)).Count;
                    var times = new List<double>();
                    for (var run = 0; run < Runs; run++)
                    {
                        var timer = Stopwatch.StartNew();
                        await counts.CountAsync(dimension, window, CancellationToken.None);
                        times.Add(timer.Elapsed.TotalMilliseconds);
                    }

                    times.Sort();
                    System.Console.WriteLine($"{name,-22} {windowName,-16} {dimension.Key,-9} {groups,7} {times[Runs / 2],10:F1} {times[0],8:F1}");
                }
            }
        }

        var detector = new SpikeDetector(counts, new AlertStore(test.Database, []));
        foreach (var (name, at) in new[] { ("ordinary week", OrdinaryWeek), ("school-year start", SchoolStart) })
        {
            var scan = Stopwatch.StartNew();
            var raised = await detector.ScanAsync(AlertWindow.Ending(at, TimeSpan.FromDays(1), 28), Defaults, at, CancellationToken.None);
            System.Console.WriteLine($"whole scan at {name} (3 queries, alerts stored with their tickets): {scan.Elapsed.TotalMilliseconds:F0} ms, {raised.Count} alert(s)");
            foreach (var alert in raised)
            {
                System.Console.WriteLine($"  {alert.Describe()}: {alert.Observed} where {alert.Expected:F1} were expected (p = {alert.PValue:G2})");
            }
        }

        System.Console.WriteLine();
        await InsightsReportsBenchmark.RunAsync(test.Database);
    }

    private static async Task GenerateAsync(StorageProvider provider, int ticketCount, HistoryDatabase test)
    {
        var history = new InsightsHistory(ticketCount);
        System.Console.WriteLine($"{provider}: generating {ticketCount:N0} tickets, about {ticketCount * InsightsHistory.MessagesPerTicket:N0} messages, {InsightsHistory.Students:N0} students and devices, {InsightsHistory.Schools} schools");
        var clock = Stopwatch.StartNew();
        if (provider == StorageProvider.Sqlite)
        {
            SqliteHistoryWriter.Write(test.ConnectionString, history);
        }
        else
        {
            await PostgresHistoryWriter.WriteAsync(test.ConnectionString, history);
        }

        var generation = clock.Elapsed;
        var rows = (long)ticketCount * (InsightsHistory.MessagesPerTicket + 1);
        System.Console.WriteLine($"generated in {generation.TotalSeconds:F1} s (about {rows / generation.TotalSeconds:N0} rows/s, indexes and ANALYZE included)");

        // 40 wifi tickets from one ZIP in the day before the ordinary-week scan: the detector should name it.
        await new TicketHistory(test.Database).TicketsAsync("wifi", TicketHistory.SpreadOver(OrdinaryWeek.AddDays(-1), 40), zip: SpikeZip);
    }
}
