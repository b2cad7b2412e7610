using Bot.Data.Insights;
using Bot.Data.Tickets;
using Bot.Testing;
using static Bot.Data.Tests.Insights.DurationRounding;
using Dapper;

namespace Bot.Data.Tests.Insights.Summaries;

/// <summary>
/// The reports read daily summaries (migration 0016); these tests read a report once, so that its days are summarised,
/// then change tickets the ways a help desk does and read it again: the figures must follow the tickets. Figures are
/// worked out by hand on <see cref="InsightsSample"/> (see ResponseTimesTests and TargetsMetTests for the ones before).
/// </summary>
public class TicketDaySummariesTests
{
    private static readonly InsightsFilter Sample = new(InsightsSample.From, InsightsSample.To);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reopened_ticket_leaves_the_resolution_times_and_its_month_misses_the_target_once_past_due(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var targets = new TargetsMet(test.Database, InsightsSample.Calendar, new TestClock(InsightsSample.Now));
        Assert.Equal(new DurationSummary("2026-11", 3, 1.0, 2.2, 3, 10.0, 11.6), Rounded((await times.ByAsync(Sample, ResponseGrouping.Month, CancellationToken.None))[0]));
        Assert.Equal(new MonthTargets("2026-11", 3, 2, 3), (await targets.ByMonthAsync(Sample, CancellationToken.None))[0]);

        // T1 (resolved in 9 h, due 9 November) is reopened: November keeps T2's 10 h and T3's 12 h, and T1, unresolved
        // and past due, now misses its resolution target.
        await Actions(test).SetStatusAsync(await TicketAsync(test, "2026-11-02 09:00"), "open", InsightsSample.Sam, CancellationToken.None);

        Assert.Equal(new DurationSummary("2026-11", 3, 1.0, 2.2, 2, 11.0, 11.8), Rounded((await times.ByAsync(Sample, ResponseGrouping.Month, CancellationToken.None))[0]));
        Assert.Equal(new MonthTargets("2026-11", 3, 2, 2), (await targets.ByMonthAsync(Sample, CancellationToken.None))[0]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Answering_and_resolving_an_open_ticket_adds_its_business_hours(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var targets = new TargetsMet(test.Database, InsightsSample.Calendar, new TestClock(InsightsSample.Now));
        Assert.Equal(new DurationSummary("2026-12", 1, 1.0, 1.0, 1, 20.0, 20.0), Rounded((await times.ByAsync(Sample, ResponseGrouping.Month, CancellationToken.None))[1]));

        // T5 (Thursday 10 December 10:00) answered and resolved at "now", Tuesday 15 December noon: 6.5 + 9 + 9 + 4.5 = 29
        // business hours. December: responses [1, 29], resolutions [20, 29]. Its response was due on the 11th (missed, as
        // before); its resolution is due on the 17th (met, as it was while open).
        var t5 = await TicketAsync(test, "2026-12-10 10:00");
        var actions = Actions(test);
        await test.Database.InTransactionAsync((transaction, token) => actions.RecordFirstResponseAsync(t5, InsightsSample.Now, transaction, token), CancellationToken.None);
        await test.Database.InTransactionAsync((transaction, token) => actions.ResolveAsync(t5, "new screen", InsightsSample.Lee, transaction, token), CancellationToken.None);

        Assert.Equal(new DurationSummary("2026-12", 2, 15.0, 26.2, 2, 24.5, 28.1), Rounded((await times.ByAsync(Sample, ResponseGrouping.Month, CancellationToken.None))[1]));
        Assert.Equal(new MonthTargets("2026-12", 3, 2, 2), (await targets.ByMonthAsync(Sample, CancellationToken.None))[1]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_recategorised_ticket_moves_to_its_new_category(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        Assert.Equal([("hardware", 2), ("network", 2), ("account", 1), ("software", 1)], await ByAsync(volume, VolumeDimension.Category));

        // T1 (hardware: answered in 1 h, resolved in 9 h) turns out to be an account problem.
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE tickets SET category = 'account' WHERE id = @Id", new { Id = await TicketAsync(test, "2026-11-02 09:00") });
        }

        Assert.Equal([("account", 2), ("network", 2), ("hardware", 1), ("software", 1)], await ByAsync(volume, VolumeDimension.Category));
        var categories = (await times.ByAsync(Sample, ResponseGrouping.Category, CancellationToken.None)).Select(Rounded).ToList();
        Assert.Equal(new DurationSummary("account", 1, 1.0, 1.0, 1, 9.0, 9.0), categories[0]);
        Assert.Equal(new DurationSummary("hardware", 0, null, null, 0, null, null), categories[1]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_ticket_whose_topic_and_zip_code_are_corrected_moves_to_them(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        Assert.Equal([("screen", 2), ("wifi", 2), ("lms", 1), ("login_password", 1)], await ByAsync(volume, VolumeDimension.Topic));
        Assert.Equal([("(none)", 4), ("60601", 1), ("60602", 1)], await ByAsync(volume, VolumeDimension.Zip));

        // T3 (wifi, no ZIP code) was about the learning app, at home in 60601.
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "UPDATE tickets SET topic = 'lms', location_kind = 'home', location_zip = '60601' WHERE id = @Id", new { Id = await TicketAsync(test, "2026-11-25 16:00") });
        }

        Assert.Equal([("lms", 2), ("screen", 2), ("login_password", 1), ("wifi", 1)], await ByAsync(volume, VolumeDimension.Topic));
        Assert.Equal([("(none)", 3), ("60601", 2), ("60602", 1)], await ByAsync(volume, VolumeDimension.Zip));
        Assert.Equal([("(none)", 3), ("home", 2), ("school", 1)], await ByAsync(volume, VolumeDimension.LocationKind));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_ticket_opened_after_its_day_was_summarised_is_counted(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var history = new TicketHistory(test.Database);
        Assert.Equal([("sms", 3), ("webchat", 3)], await ByAsync(volume, VolumeDimension.Channel));
        var week = (await volume.OverTimeAsync(Sample, ReportPeriod.Week, CancellationToken.None)).Single(row => row.Period == "2026-11-02");
        Assert.Equal(2, week.Tickets);

        // Two more on Wednesday 4 November (an sms, in the "other" category), one from a Lincoln student with a Dell.
        await history.TicketsAsync("wifi", [InsightsSample.Local("2026-11-04 10:00")]);
        await history.TicketsAsync("screen", [InsightsSample.Local("2026-11-04 11:00")], personId: await history.StudentAtAsync(await SchoolAsync(test, "Lincoln")), deviceId: await history.DeviceAsync("Dell 3110"));

        Assert.Equal([("sms", 5), ("webchat", 3)], await ByAsync(volume, VolumeDimension.Channel));
        Assert.Equal(4, (await volume.OverTimeAsync(Sample, ReportPeriod.Week, CancellationToken.None)).Single(row => row.Period == "2026-11-02").Tickets);
        // Schools and models by person and device (the sample's tickets keep neither): T1, T3 and the new one at Lincoln; T2
        // and T5 (Ben) at Roosevelt, the first of his schools by name; T4, T6 and the other new one with nobody.
        Assert.Equal([("Lincoln", 3), ("(none)", 3), ("Roosevelt", 2)], await ByAsync(volume, VolumeDimension.School));
        Assert.Equal([("(none)", 4), ("Dell 3110", 3), ("HP G9", 1)], await ByAsync(volume, VolumeDimension.DeviceModel));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Days_are_cut_again_when_the_district_time_zone_changes(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        Assert.Equal([("sms", 3), ("webchat", 3)], await ByAsync(new TicketVolume(test.Database, InsightsSample.Calendar), VolumeDimension.Channel));

        // In New York, T7 (23:00 on 31 October in Chicago) was opened at midnight on 1 November: inside the range.
        var newYork = new BusinessCalendar(new CalendarOptions { TimeZone = "America/New_York" });
        var filter = new InsightsFilter(newYork.StartOfDay(new DateOnly(2026, 11, 1)), newYork.StartOfDay(new DateOnly(2026, 12, 16)));
        var counts = await new TicketVolume(test.Database, newYork).ByAsync(filter, VolumeDimension.Channel, CancellationToken.None);

        Assert.Equal([("sms", 4), ("webchat", 3)], counts.Select(row => (row.Label ?? "(none)", (int)row.Tickets)));
        Assert.Equal([("sms", 3), ("webchat", 3)], await ByAsync(new TicketVolume(test.Database, InsightsSample.Calendar), VolumeDimension.Channel));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task After_changes_every_report_from_the_summaries_equals_the_same_report_from_the_tickets(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var clock = new TestClock(InsightsSample.Now);
        var volume = new TicketVolume(test.Database, InsightsSample.Calendar);
        var times = new ResponseTimes(test.Database, InsightsSample.Calendar);
        var targets = new TargetsMet(test.Database, InsightsSample.Calendar, clock);
        await volume.OverTimeAsync(Sample, ReportPeriod.Week, CancellationToken.None);

        // Reopen T1, answer and resolve T5, move T3 to software, say T6 came after an article, and open three more tickets over two days.
        var actions = Actions(test);
        await actions.SetStatusAsync(await TicketAsync(test, "2026-11-02 09:00"), "open", InsightsSample.Sam, CancellationToken.None);
        var t5 = await TicketAsync(test, "2026-12-10 10:00");
        await test.Database.InTransactionAsync((transaction, token) => actions.RecordFirstResponseAsync(t5, InsightsSample.Now, transaction, token), CancellationToken.None);
        await test.Database.InTransactionAsync((transaction, token) => actions.ResolveAsync(t5, "new screen", InsightsSample.Lee, transaction, token), CancellationToken.None);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE tickets SET category = 'software' WHERE id = @Id", new { Id = await TicketAsync(test, "2026-11-25 16:00") });
            await connection.ExecuteAsync("UPDATE tickets SET article_slug = 'password-reset' WHERE id = @Id", new { Id = await TicketAsync(test, "2026-12-15 09:00") });
        }

        await new TicketHistory(test.Database).TicketsAsync("wifi", [InsightsSample.Local("2026-11-30 23:30"), InsightsSample.Local("2026-12-01 00:30"), InsightsSample.Local("2026-12-14 12:00")], zip: "60601");

        // A range that does not start at a local midnight is read from the tickets; the tick before 1 November holds none.
        var tickets = Sample with { From = Sample.From.AddTicks(-1) };
        Assert.Equal(await volume.OverTimeAsync(tickets, ReportPeriod.Week, CancellationToken.None), await volume.OverTimeAsync(Sample, ReportPeriod.Week, CancellationToken.None));
        foreach (var dimension in Enum.GetValues<VolumeDimension>())
        {
            Assert.Equal(await volume.ByAsync(tickets, dimension, CancellationToken.None), await volume.ByAsync(Sample, dimension, CancellationToken.None));
        }

        foreach (var grouping in Enum.GetValues<ResponseGrouping>())
        {
            Assert.Equal(
                (await times.ByAsync(tickets, grouping, CancellationToken.None)).Select(Rounded),
                (await times.ByAsync(Sample, grouping, CancellationToken.None)).Select(Rounded));
        }

        Assert.Equal(await targets.ByMonthAsync(tickets, CancellationToken.None), await targets.ByMonthAsync(Sample, CancellationToken.None));
        var selfService = new SelfServiceInsights(test.Database, InsightsSample.Calendar);
        Assert.Equal(await selfService.ByTopicAsync(tickets, CancellationToken.None), await selfService.ByTopicAsync(Sample, CancellationToken.None));
        Assert.Equal(await selfService.ByArticleAsync(tickets, CancellationToken.None), await selfService.ByArticleAsync(Sample, CancellationToken.None));
        Assert.Contains(new ArticleOutcome("password-reset", 1, 1), await selfService.ByArticleAsync(Sample, CancellationToken.None));
    }

    private static TicketActions Actions(TestDatabase test) => new(test.Database, new TestClock(InsightsSample.Now), InsightsSample.Calendar);

    private static async Task<long> TicketAsync(TestDatabase test, string created)
    {
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM tickets WHERE created_at = @At", new { At = InsightsSample.Local(created) });
    }

    private static async Task<long> SchoolAsync(TestDatabase test, string name)
    {
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM schools WHERE name = @Name", new { Name = name });
    }

    private static async Task<List<(string Label, int Tickets)>> ByAsync(TicketVolume volume, VolumeDimension dimension) =>
        [.. (await volume.ByAsync(Sample, dimension, CancellationToken.None)).Select(row => (row.Label ?? "(none)", (int)row.Tickets))];
}
