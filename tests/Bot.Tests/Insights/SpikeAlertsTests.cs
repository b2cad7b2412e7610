using System.Net;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Data.Insights.Alerts;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Insights;

/// <summary>
/// Systemic-problem alerts in the whole app: the job finds a planted spike and the technicians' Teams channel gets one
/// card for it; the console lists alerts with their tickets and acknowledges them; settings are checked at start-up.
/// </summary>
public class SpikeAlertsTests
{
    private const string TechniciansChannel = "19:technicians@thread.tacv2";

    // Monday noon; the recent window is the day before it, the baseline the 28 days before that.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertWindow Window = AlertWindow.Ending(Now, TimeSpan.FromDays(1), 28);

    [Fact]
    public async Task The_job_finds_a_planted_spike_and_the_technicians_channel_gets_one_card_with_its_tickets()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database, services => services.AddSingleton<TimeProvider>(new TestClock(Now)), new()
        {
            ["Teams:TechniciansChannelId"] = TechniciansChannel,
            ["Teams:TenantId"] = "tenant-1",
            ["Teams:ServiceUrl"] = connector.ServiceUrl.ToString(),
            ["Teams:App:PublicUrl"] = "https://desk.district.example.org",
            ["Insights:Alerts:Period"] = "00:00:00.200",
        });
        _ = app.Services;
        var spike = await PlantSpikeAsync(database);

        var card = await connector.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(TechniciansChannel, (string?)card.Parameters!["channelData"]!["channel"]!["id"]);
        var content = card.Activity["attachments"]![0]!["content"]!;
        var text = content.ToJsonString();
        Assert.Contains("Possible systemic problem: wifi tickets for ZIP 75001", text, StringComparison.Ordinal);
        Assert.Contains("{\"title\":\"Tickets\",\"value\":\"13\"}", text, StringComparison.Ordinal);
        Assert.Contains("{\"title\":\"Expected\",\"value\":\"1.0\"}", text, StringComparison.Ordinal);
        // The 13 tickets by id: the day's regular one first, then the planted; ten are listed.
        var numbers = spike.Order().Take(10).Select(id => $"T-{id}");
        Assert.Contains($"{{\"title\":\"Ticket numbers\",\"value\":\"{string.Join(", ", numbers)} and 3 more\"}}", text, StringComparison.Ordinal);
        Assert.Equal("https://desk.district.example.org/console/insights/alerts", (string?)content["actions"]![0]!["url"]);
        // Later scans (every 200 ms) find the same spike but its alert is open: no second card.
        await Task.Delay(1500);
        Assert.Equal(0, connector.Pending);
        var alert = Assert.Single(await app.Services.GetRequiredService<AlertStore>().ListAsync(10, CancellationToken.None));
        Assert.Equal((Now, 13L), (alert.RaisedAt, alert.Observed));
    }

    [Fact]
    public async Task One_models_power_tickets_doubling_week_over_week_raise_a_weekly_alert_and_no_daily_one()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, services => services.AddSingleton<TimeProvider>(new TestClock(Now)), new() { ["Insights:Alerts:Enabled"] = "false" });
        var doubled = await PlantWeeklyRiseAsync(database);

        var alert = Assert.Single(await app.Services.GetRequiredService<Bot.Insights.SpikeAlertJob>().ScanAsync(CancellationToken.None));

        // 42 in the last week against 84 in the four before it; the other model stayed flat. No day was 3 times its usual.
        Assert.Equal(("model", "power", "Lenovo 100e", 42L), (alert.Dimension, alert.Topic, alert.GroupLabel, alert.Observed));
        Assert.Equal(21.0, alert.Expected, 1e-9);
        Assert.Equal((Now.AddDays(-7), Now), (alert.WindowStart, alert.WindowEnd));
        var tickets = await app.Services.GetRequiredService<AlertStore>().TicketsAsync(alert.Id, CancellationToken.None);
        Assert.Equal(doubled.Order(), tickets.Select(ticket => ticket.TicketId).Order());
    }

    [Fact]
    public async Task The_weekly_comparison_can_be_switched_off_on_its_own()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, services => services.AddSingleton<TimeProvider>(new TestClock(Now)), new()
        {
            ["Insights:Alerts:Enabled"] = "false",
            ["Insights:Alerts:Weekly:Enabled"] = "false",
        });
        await PlantWeeklyRiseAsync(database);

        Assert.Empty(await app.Services.GetRequiredService<Bot.Insights.SpikeAlertJob>().ScanAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("/console/insights/alerts")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_the_alerts_page(string path)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Insights:Alerts:Enabled"] = "false" });

        using var response = await new ConsoleBrowser(app).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_technician_sees_the_alert_with_links_to_its_tickets_and_acknowledges_it()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Insights:Alerts:Enabled"] = "false" });
        var spike = await PlantSpikeAsync(database);
        var alert = Assert.Single(await app.Services.GetRequiredService<SpikeDetector>().ScanAsync(
            Window, new SpikeThresholds(5, 3.0, 1e-4, 0.5), Now, CancellationToken.None));
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        var page = await browser.PageAsync("/console/insights/alerts");
        using var acknowledged = await browser.SubmitAsync("/console/insights/alerts", $"acknowledge-{alert.Id}", new Dictionary<string, string>());

        Assert.Contains("wifi tickets for ZIP 75001", page, StringComparison.Ordinal);
        Assert.All(spike, id => Assert.Contains($"href=\"/console/tickets/T-{id}\"", page, StringComparison.Ordinal));
        Assert.Contains("href=\"/console/insights/alerts\"", page, StringComparison.Ordinal);
        var after = await acknowledged.Content.ReadAsStringAsync();
        Assert.Contains("Acknowledged the alert on wifi tickets for ZIP 75001.", after, StringComparison.Ordinal);
        Assert.Contains("acknowledged by tech@district.example.org", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"acknowledge-{alert.Id}", after, StringComparison.Ordinal);
        var stored = Assert.Single(await app.Services.GetRequiredService<AlertStore>().ListAsync(10, CancellationToken.None));
        Assert.Equal((Alert.Acknowledged, "tech@district.example.org"), (stored.Status, stored.AcknowledgedBy));
        var audit = await app.Services.GetRequiredService<AuditLog>().ForSubjectAsync($"alert:{alert.Id}", CancellationToken.None);
        Assert.Equal(["acknowledged alert"], audit.Select(entry => entry.Action));
    }

    [Fact]
    public async Task An_admin_may_open_the_alerts_page_too()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Insights:Alerts:Enabled"] = "false" });
        var admin = await ConsoleBrowser.SignedInAsync(app, "admin@district.example.org", AccountRoles.Admin);

        Assert.Contains("No alerts.", await admin.PageAsync("/console/insights/alerts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { ["Insights:Alerts:Enabled"] = "false" });
        await PlantSpikeAsync(database);
        var alert = Assert.Single(await app.Services.GetRequiredService<SpikeDetector>().ScanAsync(
            Window, new SpikeThresholds(5, 3.0, 1e-4, 0.5), Now, CancellationToken.None));
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        using var forged = await browser.PostWithoutTokenAsync("/console/insights/alerts", new Dictionary<string, string> { ["_handler"] = $"acknowledge-{alert.Id}" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(Alert.Open, Assert.Single(await app.Services.GetRequiredService<AlertStore>().ListAsync(10, CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("Insights:Alerts:Daily:MaximumPValue", "1.5", "Insights:Alerts:Daily:MaximumPValue must be between 0 and 1")]
    [InlineData("Insights:Alerts:Daily:MinimumRatio", "0.5", "Insights:Alerts:Daily:MinimumRatio must be a number of at least 1")]
    [InlineData("Insights:Alerts:Weekly:BaselineWindows", "0", "Insights:Alerts:Weekly:BaselineWindows must be between 1 and 366")]
    [InlineData("Insights:Alerts:Weekly:MinimumExpected", "0", "Insights:Alerts:Weekly:MinimumExpected must be a number above 0")]
    [InlineData("Insights:Alerts:Period", "00:00:00", "Insights:Alerts:Period must be above zero")]
    public async Task A_bad_alert_setting_stops_start_up_and_names_the_setting(string setting, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database, settings: new() { [setting] = value });

        var error = app.FailedStartup();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// One wifi and one power ticket a day from each of three ZIPs for 29 days, and 12 more wifi tickets from 75001 in
    /// the last day: the ids of the 13 wifi tickets from 75001 in the window.
    /// </summary>
    private static async Task<IReadOnlyList<long>> PlantSpikeAsync(TestDatabase database)
    {
        var history = new TicketHistory(database.Database);
        var inWindow = new List<long>();
        foreach (var topic in new[] { "wifi", "power" })
        {
            foreach (var zip in new[] { "75001", "75002", "75003" })
            {
                var ids = await history.TicketsAsync(topic, Enumerable.Range(0, 29).SelectMany(day => TicketHistory.SpreadOver(Window.BaselineStart.AddDays(day), 1)), zip);
                if ((topic, zip) == ("wifi", "75001"))
                {
                    inWindow.Add(ids[^1]);
                }
            }
        }

        inWindow.AddRange(await history.TicketsAsync("wifi", TicketHistory.SpreadOver(Window.Start, 12), zip: "75001"));
        return inWindow;
    }

    /// <summary>
    /// Power tickets on two Chromebook models, 3 a day each for five weeks, except that the Lenovo's doubled to 6 a day
    /// over the last week: the ids of its 42 tickets of that week.
    /// </summary>
    private static async Task<IReadOnlyList<long>> PlantWeeklyRiseAsync(TestDatabase database)
    {
        var history = new TicketHistory(database.Database);
        var dell = await history.DeviceAsync("Dell Chromebook 3110");
        var lenovo = await history.DeviceAsync("Lenovo 100e");
        var lastWeek = new List<long>();
        for (var day = 35; day > 0; day--)
        {
            var start = Now.AddDays(-day);
            await history.TicketsAsync("power", TicketHistory.SpreadOver(start, 3), deviceId: dell);
            var ids = await history.TicketsAsync("power", TicketHistory.SpreadOver(start, day <= 7 ? 6 : 3), deviceId: lenovo);
            if (day <= 7)
            {
                lastWeek.AddRange(ids);
            }
        }

        return lastWeek;
    }
}
