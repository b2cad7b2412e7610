using Bot.Data.Insights.Alerts;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Insights.Alerts;

/// <summary>The detector on real databases with generated ticket histories: spikes planted, noise left alone.</summary>
public class SpikeDetectorTests
{
    // Monday noon; the recent window is the 24 hours before it, the baseline the 28 days before that.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertWindow Window = AlertWindow.Ending(Now, TimeSpan.FromDays(1), 28);
    private static readonly SpikeThresholds Thresholds = new(MinimumCount: 5, MinimumRatio: 3.0, MaximumPValue: 1e-4, MinimumExpected: 0.5);
    private static readonly string[] Zips = ["75001", "75002", "75003"];

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Twelve_extra_wifi_tickets_from_one_ZIP_raise_one_alert_with_exactly_that_ZIPs_wifi_tickets_of_the_day(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        var regular = await FlatHistoryAsync(history, perDay: 1);
        var planted = await history.TicketsAsync("wifi", TicketHistory.SpreadOver(Window.Start, 12), zip: "75001");

        var raised = await Detector(test).ScanAsync(Window, Thresholds, Now, CancellationToken.None);

        var alert = Assert.Single(raised);
        // 13 in the window (12 planted, 1 regular); 28 in 28 baseline days is 1 a day, and the other groups did not rise.
        Assert.Equal(("zip", "wifi", "75001", "75001", 13L), (alert.Dimension, alert.Topic, alert.GroupValue, alert.GroupLabel, alert.Observed));
        Assert.Equal(1.0, alert.Expected, 1e-12);
        Assert.Equal(6.359777327134143e-11, alert.PValue, 1e-18);
        Assert.Equal((Window.Start, Now, Alert.Open), (alert.WindowStart, alert.WindowEnd, alert.Status));
        var tickets = await Store(test).TicketsAsync(alert.Id, CancellationToken.None);
        Assert.Equal([.. planted.Append(regular[("wifi", "75001")][^1]).Order()], tickets.Select(ticket => ticket.TicketId).Order());
        Assert.All(tickets, ticket => Assert.Equal($"T-{ticket.TicketId}", ticket.Number));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_power_spike_on_one_Chromebook_model_and_one_at_one_school_are_found_in_their_own_dimensions(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        var models = new[] { await history.DeviceAsync("Dell Chromebook 3110"), await history.DeviceAsync("Lenovo 100e") };
        var schools = new[] { await history.SchoolAsync("Maple Valley High"), await history.SchoolAsync("Cedar Elementary") };
        var students = new[] { await history.StudentAtAsync(schools[0]), await history.StudentAtAsync(schools[1]) };
        for (var day = 0; day <= 28; day++)
        {
            var start = Window.BaselineStart.AddDays(day);
            for (var i = 0; i < 2; i++)
            {
                await history.TicketsAsync("power", TicketHistory.SpreadOver(start, 1), deviceId: models[i]);
                await history.TicketsAsync("login_password", TicketHistory.SpreadOver(start, 1), personId: students[i]);
            }
        }

        var power = await history.TicketsAsync("power", TicketHistory.SpreadOver(Window.Start, 9), deviceId: models[1]);
        var logins = await history.TicketsAsync("login_password", TicketHistory.SpreadOver(Window.Start, 9), personId: students[0]);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            // Some written without the model they keep from their opening (an import, say): their device gives it.
            await connection.ExecuteAsync("UPDATE tickets SET device_model = NULL WHERE id = @Id", power.Take(4).Select(id => new { Id = id }));
        }

        var raised = await Detector(test).ScanAsync(Window, Thresholds, Now, CancellationToken.None);

        // 10 against 1 a day in each; the other group of each dimension stayed flat.
        Assert.Equal(
            [("model", "power", "Lenovo 100e", 10L), ("school", "login_password", "Maple Valley High", 10L)],
            raised.Select(alert => (alert.Dimension, alert.Topic, alert.GroupLabel, alert.Observed)));
        Assert.Equal(schools[0].ToString(System.Globalization.CultureInfo.InvariantCulture), raised[1].GroupValue);
        var store = Store(test);
        Assert.Equal(10, (await store.TicketsAsync(raised[0].Id, CancellationToken.None)).Count);
        Assert.Superset(power.ToHashSet(), (await store.TicketsAsync(raised[0].Id, CancellationToken.None)).Select(t => t.TicketId).ToHashSet());
        Assert.Superset(logins.ToHashSet(), (await store.TicketsAsync(raised[1].Id, CancellationToken.None)).Select(t => t.TicketId).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ordinary_noise_across_many_groups_raises_nothing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        var random = new Random(20261130);
        var topics = new[] { "wifi", "power", "screen", "login_password", "hotspot", "lms", "slow", "charger" };
        var zips = Enumerable.Range(0, 20).Select(i => $"750{i:00}").ToArray();
        var models = new List<long>();
        foreach (var model in new[] { "Dell Chromebook 3110", "Lenovo 100e", "HP Chromebook 11 G9", "Acer Chromebook 311", "Dell Latitude 3140" })
        {
            models.Add(await history.DeviceAsync(model));
        }

        var students = new List<long>();
        foreach (var school in new[] { "North High", "South High", "East Middle", "West Elementary" })
        {
            students.Add(await history.StudentAtAsync(await history.SchoolAsync(school)));
        }

        // Each (topic, ZIP) cell has its own steady Poisson rate between 0.5 and 1.7 tickets a day, the range where 5
        // in a day is 3 times the rate yet happens by chance often enough across 160 cells: only the p-value stops it.
        foreach (var topic in topics)
        {
            foreach (var zip in zips)
            {
                var rate = 0.5 + (random.NextDouble() * 1.2);
                var times = Enumerable.Range(0, 29).SelectMany(day => TicketHistory.SpreadOver(Window.BaselineStart.AddDays(day), Poisson(random, rate))).ToList();
                await history.TicketsAsync(topic, times, zip, models[random.Next(models.Count)], students[random.Next(students.Count)]);
            }
        }

        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tickets");

        var raised = await Detector(test).ScanAsync(Window, Thresholds, Now, CancellationToken.None);

        Assert.True(total > 4000, $"only {total} tickets were generated");
        Assert.Empty(raised.Select(alert => alert.Describe()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_spike_is_not_raised_again_while_open_nor_after_acknowledgement_while_its_window_lasts(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        await FlatHistoryAsync(history, perDay: 1);
        await history.TicketsAsync("wifi", TicketHistory.SpreadOver(Window.Start, 12), zip: "75001");
        var detector = Detector(test);
        var store = Store(test);

        var first = Assert.Single(await detector.ScanAsync(Window, Thresholds, Now, CancellationToken.None));
        var anHourLater = await detector.ScanAsync(AlertWindow.Ending(Now.AddHours(1), TimeSpan.FromDays(1), 28), Thresholds, Now.AddHours(1), CancellationToken.None);
        var acknowledged = await store.AcknowledgeAsync(first.Id, "tech@district.example.org", Now.AddHours(2), CancellationToken.None);
        var again = await store.AcknowledgeAsync(first.Id, "other@district.example.org", Now.AddHours(2), CancellationToken.None);
        var afterAcknowledgement = await detector.ScanAsync(AlertWindow.Ending(Now.AddHours(3), TimeSpan.FromDays(1), 28), Thresholds, Now.AddHours(3), CancellationToken.None);

        Assert.Empty(anHourLater);
        Assert.True(acknowledged);
        Assert.False(again);
        Assert.Empty(afterAcknowledgement);
        var stored = Assert.Single(await store.ListAsync(10, CancellationToken.None));
        Assert.Equal((Alert.Acknowledged, "tech@district.example.org", Now.AddHours(2)), (stored.Status, stored.AcknowledgedBy, stored.AcknowledgedAt));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_scanning_at_once_raise_the_spike_once(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        await FlatHistoryAsync(history, perDay: 1);
        await history.TicketsAsync("wifi", TicketHistory.SpreadOver(Window.Start, 12), zip: "75001");
        // Each instance has its own Database, as two processes would: no shared in-process commit queue.
        var instances = Enumerable.Range(0, 4).Select(_ => new Database(test.Database.Dialect, test.ConnectionString)).ToList();

        var raised = await Task.WhenAll(instances.Select(database =>
            new SpikeDetector(new TicketGroupCounts(database), new AlertStore(database, [])).ScanAsync(Window, Thresholds, Now, CancellationToken.None)));

        Assert.Equal(1, raised.Sum(alerts => alerts.Count));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alerts"));
        Assert.Equal(13, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alert_tickets"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_group_at_four_times_its_rate_together_is_a_season_not_a_spike(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var history = new TicketHistory(test.Database);
        foreach (var topic in new[] { "wifi", "power" })
        {
            foreach (var zip in Zips)
            {
                for (var day = 0; day < 28; day++)
                {
                    await history.TicketsAsync(topic, TicketHistory.SpreadOver(Window.BaselineStart.AddDays(day), 5), zip);
                }

                await history.TicketsAsync(topic, TicketHistory.SpreadOver(Window.Start, 20), zip);
            }
        }

        Assert.Empty(await Detector(test).ScanAsync(Window, Thresholds, Now, CancellationToken.None));
    }

    /// <summary>One wifi and one power ticket a day from each ZIP for the 29 days; the ids per group, in time order.</summary>
    private static async Task<Dictionary<(string Topic, string Zip), IReadOnlyList<long>>> FlatHistoryAsync(TicketHistory history, int perDay)
    {
        var ids = new Dictionary<(string, string), IReadOnlyList<long>>();
        foreach (var topic in new[] { "wifi", "power" })
        {
            foreach (var zip in Zips)
            {
                var days = Enumerable.Range(0, 29).SelectMany(day => TicketHistory.SpreadOver(Window.BaselineStart.AddDays(day), perDay));
                ids[(topic, zip)] = await history.TicketsAsync(topic, days, zip);
            }
        }

        return ids;
    }

    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    private static AlertStore Store(TestDatabase test) => new(test.Database, []);

    private static SpikeDetector Detector(TestDatabase test) => new(new TicketGroupCounts(test.Database), Store(test));
}
