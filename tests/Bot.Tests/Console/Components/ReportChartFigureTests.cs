using Bot.Console.Components;
using Bot.Console.Insights;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Bot.Tests.Console.Components;

/// <summary>The insights chart rendered on its own with bUnit: what it draws from a report's figures.</summary>
public sealed class ReportChartFigureTests : IDisposable
{
    private readonly BunitContext context = new();

    public ReportChartFigureTests()
    {
        context.Services.AddMudServices();
        // MudBlazor's chart asks the browser for its size once live; there is no browser here, and the size only scales the drawing.
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_long_range_labels_about_eight_points_along_the_bottom_and_keeps_every_point()
    {
        var days = Enumerable.Range(1, 30).Select(day => $"2026-11-{day:00}").ToArray();
        var chart = new ReportChart(ChartKind.Line, "Tickets", days, [new ChartSeries("Tickets", [.. days.Select((_, i) => (double)i)])]);

        var figure = Render(chart);

        var labels = figure.FindAll(".mud-charts-xaxis text").Select(text => text.TextContent).Where(text => text.Length > 0);
        Assert.Equal(["2026-11-01", "2026-11-05", "2026-11-09", "2026-11-13", "2026-11-17", "2026-11-21", "2026-11-25", "2026-11-29"], labels);
        Assert.Single(figure.FindAll("path.mud-chart-line"));
        Assert.Empty(figure.FindAll(".mud-chart-legend-item"));
        Assert.Equal("Line chart of Tickets (Tickets); the table with it has the figures.", figure.Find("#c-desc").TextContent);
    }

    [Fact]
    public void Two_series_are_drawn_as_bars_side_by_side_with_a_legend_naming_each()
    {
        var chart = new ReportChart(ChartKind.Bar, "Tickets", ["sms", "webchat"], [new ChartSeries("First response met", [3, 1]), new ChartSeries("Missed", [1, 0])]);

        var figure = Render(chart);

        Assert.Equal(4, figure.FindAll("path.mud-chart-bar").Count);
        Assert.Equal(["First response met", "Missed"], figure.FindAll(".mud-chart-legend-item").Select(item => item.TextContent.Trim()));
        Assert.Equal("c-title c-desc", figure.Find("[role=img]").GetAttribute("aria-labelledby"));
        Assert.Equal("Tickets by channel", figure.Find("#c-title").TextContent);
    }

    private IRenderedComponent<ReportChartFigure> Render(ReportChart chart) => context.Render<ReportChartFigure>(parameters => parameters
        .Add(figure => figure.Chart, chart)
        .Add(figure => figure.Title, "Tickets by channel")
        .Add(figure => figure.Id, "c"));

    public void Dispose() => context.Dispose();
}
