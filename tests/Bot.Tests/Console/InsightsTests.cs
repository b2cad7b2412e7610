using System.Net;
using System.Text.RegularExpressions;
using Bot.Console.Insights;
using Bot.Data;
using Bot.Data.Accounts;
using Bot.Testing;
using Bot.Tests.Support;
using CsvHelper;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>The insights page and its CSV exports over HTTP, on <see cref="InsightsSample"/> with the clock at its "now".</summary>
public partial class InsightsTests
{
    private const string SampleRange = "?from=2026-11-01&to=2026-12-15";

    private static IEnumerable<string> Routes() =>
        ["/console/insights", .. InsightsReports.Names.Select(name => $"/console/insights/{name}.csv")];

    [Fact]
    public async Task Every_insights_route_sends_an_anonymous_visitor_to_sign_in()
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var anonymous = new ConsoleBrowser(app);

        foreach (var route in Routes())
        {
            using var response = await anonymous.GetAsync(route + SampleRange);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {response.StatusCode}");
            Assert.Equal("/console/signin", response.Headers.Location!.AbsolutePath);
            Assert.Contains(Uri.EscapeDataString(route), response.Headers.Location.Query, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(AccountRoles.Technician)]
    [InlineData(AccountRoles.Admin)]
    public async Task Technicians_and_admins_open_every_insights_route(string role)
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, $"{role}@district.example.org", role);

        foreach (var route in Routes())
        {
            using var response = await browser.GetAsync(route + SampleRange);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {response.StatusCode}");
        }

        var queue = await browser.PageAsync("/console/tickets");
        Assert.Contains("<a href=\"/console/insights\">Insights</a>", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_draws_each_report_as_a_titled_chart_beside_its_table_with_the_hand_worked_figures()
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        var page = await browser.PageAsync("/console/insights" + SampleRange + "&period=month");

        Assert.Contains("<div role=\"img\" aria-labelledby=\"volume-chart-title volume-chart-desc\">", page, StringComparison.Ordinal);
        Assert.Contains("<figcaption id=\"volume-chart-title\" class=\"visually-hidden\">Tickets opened per month</figcaption>", page, StringComparison.Ordinal);
        // MudBlazor's chart, drawn on the server: a line through one point per month.
        var chart = Regex.Match(page, "<figure class=\"chart\" id=\"volume-chart\">(.*?)</figure>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("class=\"mud-chart-line", chart, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(chart, "<circle class=\"mud-chart-serie mud-chart-point\" stroke=\"#0b3d62\" stroke-width=\"2\" cx=\"[0-9.]+\" cy=\"[0-9.]+\" r=\"3.5\">"));
        Assert.DoesNotContain("<script src=\"http", page, StringComparison.Ordinal);
        // November: T1, T2 and T3; December: T4, T5 and T6. Targets: see TargetsMetTests.
        Assert.Equal([["Month", "Tickets"], ["2026-11", "3"], ["2026-12", "3"]], PageTable(page, "volume"));
        Assert.Equal(
            [
                ["Month", "Tickets", "First response met", "First response met (%)", "Resolution met", "Resolution met (%)"],
                ["2026-11", "3", "2", "66.7", "3", "100"],
                ["2026-12", "3", "2", "66.7", "2", "66.7"],
            ],
            PageTable(page, "targets-by-month"));
    }

    [Theory]
    [InlineData(SampleRange + "&period=day")]
    [InlineData(SampleRange + "&channel=sms&period=week")]
    [InlineData("?from=2026-12-01&to=2026-12-15&category=hardware")]
    public async Task Every_reports_csv_holds_exactly_what_the_page_shows_under_the_same_filters(string filters)
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        var page = await browser.PageAsync("/console/insights" + filters);

        foreach (var name in InsightsReports.Names)
        {
            using var response = await browser.GetAsync($"/console/insights/{name}.csv{filters}");
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PageTable(page, name), CsvTable(await response.Content.ReadAsStringAsync()));
            Assert.Contains($"href=\"/console/insights/{name}.csv?", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_filters_reach_the_csv_export()
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        using var sms = await browser.GetAsync("/console/insights/volume-by-category.csv" + SampleRange + "&channel=sms");

        // SMS tickets: T1 and T5 (hardware), T3 (network).
        Assert.Equal("Category,Tickets\r\nhardware,2\r\nnetwork,1\r\n", await sms.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_exported_with_a_leading_apostrophe()
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "UPDATE tickets SET topic = @Topic WHERE topic = 'lms'",
                new { Topic = "=HYPERLINK(\"http://evil.example\",\"x\")" });
        }

        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        using var response = await browser.GetAsync("/console/insights/volume-by-topic.csv" + SampleRange);

        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1\r\n", csv, StringComparison.Ordinal);
        // The escaped field is quoted as well, as OWASP advises, so that the apostrophe stays part of the text.
        Assert.Equal(
            "Rating,Score\r\n\"'+1\",\"'-2\"\r\n\"'@x\",plain\r\n",
            ReportCsv.Write(new ReportTable("t", "t", ["Rating", "Score"], [["+1", "-2"], ["@x", "plain"]])));
    }

    [Fact]
    public async Task An_unknown_report_is_not_found()
    {
        await using var test = await InsightsSample.CreateAsync(StorageProvider.Sqlite);
        await using var app = SampleApp(test);
        var browser = await ConsoleBrowser.SignedInAsync(app, "tech@district.example.org", AccountRoles.Technician);

        using var response = await browser.GetAsync("/console/insights/passwords.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static DeskApp SampleApp(TestDatabase test) =>
        DeskApp.On(
            test,
            services => services.AddSingleton<TimeProvider>(new TestClock(InsightsSample.Now)),
            new()
            {
                ["Desk:Calendar:TimeZone"] = InsightsSample.CalendarOptions.TimeZone,
                ["Desk:Calendar:Holidays:0"] = "2026-11-26",
                ["Desk:Calendar:Holidays:1"] = "2026-11-27",
            });

    /// <summary>The text of every cell of the report's table, headings first, as a reader of the page sees it.</summary>
    private static List<List<string>> PageTable(string page, string report)
    {
        var table = Regex.Match(page, $"<table data-report=\"{report}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"The page has no table for {report}.");
        return [.. Rows().Matches(table.Groups[1].Value).Select(row => Cells().Matches(row.Groups[1].Value)
            .Select(cell => WebUtility.HtmlDecode(Comments().Replace(cell.Groups[1].Value, "")).Trim()).ToList())];
    }

    private static List<List<string>> CsvTable(string text)
    {
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        var rows = new List<List<string>>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        return rows;
    }

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cells();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
