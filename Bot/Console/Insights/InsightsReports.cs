using System.Globalization;
using Bot.Data.Insights;

namespace Bot.Console.Insights;

/// <summary>
/// Every report of the insights page by name (the name is also its CSV address), each built from the stores into a
/// <see cref="ReportTable"/> of formatted cells.
/// </summary>
public sealed class InsightsReports(TicketVolume volume, ResponseTimes times, TargetsMet targets, SelfServiceInsights selfService, TechnicianLoad load)
{
    private const string None = "—";

    public static readonly IReadOnlyList<string> Names =
    [
        "volume", "volume-by-channel", "volume-by-category", "volume-by-topic", "volume-by-school", "volume-by-device",
        "volume-by-location", "volume-by-zip", "response-by-month", "response-by-category", "response-by-channel",
        "targets-by-month", "self-service-by-topic", "self-service-by-article", "self-service-ratings",
        "technician-open", "technician-weekly",
    ];

    public Task<ReportTable> BuildAsync(string name, InsightsFilter filter, ReportPeriod period, CancellationToken cancellationToken) => name switch
    {
        "volume" => OverTimeAsync(filter, period, cancellationToken),
        "volume-by-channel" => ByAsync(name, "Tickets by channel", "Channel", VolumeDimension.Channel, filter, cancellationToken),
        "volume-by-category" => ByAsync(name, "Tickets by category", "Category", VolumeDimension.Category, filter, cancellationToken),
        "volume-by-topic" => ByAsync(name, "Tickets by topic", "Topic", VolumeDimension.Topic, filter, cancellationToken),
        "volume-by-school" => ByAsync(name, "Tickets by school", "School", VolumeDimension.School, filter, cancellationToken),
        "volume-by-device" => ByAsync(name, "Tickets by device model", "Device model", VolumeDimension.DeviceModel, filter, cancellationToken),
        "volume-by-location" => ByAsync(name, "Tickets by where the device was", "Where", VolumeDimension.LocationKind, filter, cancellationToken),
        "volume-by-zip" => ByAsync(name, "Tickets by ZIP code", "ZIP", VolumeDimension.Zip, filter, cancellationToken),
        "response-by-month" => ResponseAsync(name, "Response and resolution times by month", "Month", ResponseGrouping.Month, filter, cancellationToken),
        "response-by-category" => ResponseAsync(name, "Response and resolution times by category", "Category", ResponseGrouping.Category, filter, cancellationToken),
        "response-by-channel" => ResponseAsync(name, "Response and resolution times by channel", "Channel", ResponseGrouping.Channel, filter, cancellationToken),
        "targets-by-month" => TargetsAsync(filter, cancellationToken),
        "self-service-by-topic" => DeflectionAsync(filter, cancellationToken),
        "self-service-by-article" => ArticlesAsync(filter, cancellationToken),
        "self-service-ratings" => RatingsAsync(filter, cancellationToken),
        "technician-open" => OpenAsync(filter, cancellationToken),
        "technician-weekly" => WeeklyAsync(filter, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such report."),
    };

    private async Task<ReportTable> OverTimeAsync(InsightsFilter filter, ReportPeriod period, CancellationToken cancellationToken)
    {
        var rows = await volume.OverTimeAsync(filter, period, cancellationToken);
        var heading = period switch { ReportPeriod.Day => "Day", ReportPeriod.Week => "Week of", _ => "Month" };
        return new ReportTable("volume", $"Tickets opened per {period.ToString().ToLowerInvariant()}", [heading, "Tickets"], [.. rows.Select(r => Row(r.Period, Number(r.Tickets)))])
        {
            Chart = new ReportChart(ChartKind.Line, "Tickets", [.. rows.Select(r => r.Period)], [new ChartSeries("Tickets", [.. rows.Select(r => (double)r.Tickets)])]),
        };
    }

    private async Task<ReportTable> ByAsync(string name, string title, string heading, VolumeDimension dimension, InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await volume.ByAsync(filter, dimension, cancellationToken);
        return new ReportTable(name, title, [heading, "Tickets"], [.. rows.Select(r => Row(r.Label ?? "(none)", Number(r.Tickets)))])
        {
            Chart = new ReportChart(ChartKind.Bar, "Tickets", [.. rows.Select(r => r.Label ?? "(none)")], [new ChartSeries("Tickets", [.. rows.Select(r => (double)r.Tickets)])]),
        };
    }

    private async Task<ReportTable> ResponseAsync(string name, string title, string heading, ResponseGrouping grouping, InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await times.ByAsync(filter, grouping, cancellationToken);
        string[] columns =
        [
            heading, "Answered", "First response, median (business hours)", "First response, 90th percentile (business hours)",
            "Resolved", "Resolution, median (business hours)", "Resolution, 90th percentile (business hours)",
        ];
        return new ReportTable(name, title, columns, [.. rows.Select(r => Row(
            r.Group, Number(r.Responded), Hours(r.FirstResponseMedianHours), Hours(r.FirstResponseP90Hours),
            Number(r.Resolved), Hours(r.ResolutionMedianHours), Hours(r.ResolutionP90Hours)))])
        {
            Chart = new ReportChart(grouping == ResponseGrouping.Month ? ChartKind.Line : ChartKind.Bar, "Business hours", [.. rows.Select(r => r.Group)],
            [
                new ChartSeries("First response, median", [.. rows.Select(r => r.FirstResponseMedianHours ?? 0)]),
                new ChartSeries("Resolution, median", [.. rows.Select(r => r.ResolutionMedianHours ?? 0)]),
            ]),
        };
    }

    private async Task<ReportTable> TargetsAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await targets.ByMonthAsync(filter, cancellationToken);
        return new ReportTable(
            "targets-by-month",
            "Tickets that met their targets, by month opened",
            ["Month", "Tickets", "First response met", "First response met (%)", "Resolution met", "Resolution met (%)"],
            [.. rows.Select(r => Row(r.Month, Number(r.Tickets), Number(r.FirstResponseMet), Percent(r.FirstResponseMetShare), Number(r.ResolutionMet), Percent(r.ResolutionMetShare)))])
        {
            Chart = new ReportChart(ChartKind.Line, "% of tickets", [.. rows.Select(r => r.Month)],
            [
                new ChartSeries("First response met", [.. rows.Select(r => r.FirstResponseMetShare * 100)]),
                new ChartSeries("Resolution met", [.. rows.Select(r => r.ResolutionMetShare * 100)]),
            ]),
        };
    }

    private async Task<ReportTable> DeflectionAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await selfService.ByTopicAsync(filter, cancellationToken);
        return new ReportTable(
            "self-service-by-topic",
            "Resolved by the bot, by topic",
            ["Topic", "Resolved by the bot", "Tickets", "Resolved by the bot (%)"],
            [.. rows.Select(r => Row(r.Topic, Number(r.ResolvedByBot), Number(r.Tickets), Percent(r.Deflection)))])
        {
            Chart = new ReportChart(ChartKind.Bar, "% resolved by the bot", [.. rows.Select(r => r.Topic)], [new ChartSeries("Resolved by the bot", [.. rows.Select(r => r.Deflection * 100)])]),
        };
    }

    private async Task<ReportTable> ArticlesAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await selfService.ByArticleAsync(filter, cancellationToken);
        return new ReportTable(
            "self-service-by-article",
            "Articles, the ones that fail most often first",
            ["Article", "Fixed it", "Not fixed (escalated)", "Not fixed (%)"],
            [.. rows.Select(r => Row(r.Article, Number(r.Fixed), Number(r.NotFixed), Percent(r.FailureShare)))])
        {
            Chart = new ReportChart(ChartKind.Bar, "Conversations", [.. rows.Select(r => r.Article)],
            [
                new ChartSeries("Fixed it", [.. rows.Select(r => (double)r.Fixed)]),
                new ChartSeries("Not fixed", [.. rows.Select(r => (double)r.NotFixed)]),
            ]),
        };
    }

    private async Task<ReportTable> RatingsAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var ratings = await selfService.RatingsAsync(filter, cancellationToken);
        var scores = Enumerable.Range(1, 5).Select(score => score.ToString(CultureInfo.InvariantCulture)).ToList();
        return new ReportTable(
            "self-service-ratings",
            $"Ratings of the bot's help (average {(ratings.Average is { } average ? average.ToString("0.##", CultureInfo.InvariantCulture) : None)} of {Number(ratings.Rated)})",
            ["Rating", "People"],
            [.. scores.Select((score, index) => Row(score, Number(ratings.Counts[index])))])
        {
            Chart = new ReportChart(ChartKind.Bar, "People", scores, [new ChartSeries("People", [.. ratings.Counts.Select(count => (double)count)])]),
        };
    }

    private async Task<ReportTable> OpenAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await load.OpenAsync(filter, cancellationToken);
        return new ReportTable("technician-open", "Open tickets per technician", ["Technician", "Open tickets"], [.. rows.Select(r => Row(r.Label ?? "(unassigned)", Number(r.Tickets)))])
        {
            Chart = new ReportChart(ChartKind.Bar, "Open tickets", [.. rows.Select(r => r.Label ?? "(unassigned)")], [new ChartSeries("Open tickets", [.. rows.Select(r => (double)r.Tickets)])]),
        };
    }

    private async Task<ReportTable> WeeklyAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await load.WeeklyAsync(filter, cancellationToken);
        var weeks = rows.GroupBy(r => r.Week).ToList();
        return new ReportTable("technician-weekly", "Tickets claimed and resolved per technician and week", ["Week of", "Technician", "Claimed", "Resolved"],
            [.. rows.Select(r => Row(r.Week, r.Technician, Number(r.Claimed), Number(r.Resolved)))])
        {
            Chart = new ReportChart(ChartKind.Line, "Tickets, all technicians", [.. weeks.Select(w => w.Key)],
            [
                new ChartSeries("Claimed", [.. weeks.Select(w => (double)w.Sum(r => r.Claimed))]),
                new ChartSeries("Resolved", [.. weeks.Select(w => (double)w.Sum(r => r.Resolved))]),
            ]),
        };
    }

    private static string[] Row(params string[] cells) => cells;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hours(double? hours) => hours is { } value ? value.ToString("0.##", CultureInfo.InvariantCulture) : None;

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture);
}
