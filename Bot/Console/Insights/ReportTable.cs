namespace Bot.Console.Insights;

/// <summary>
/// One report as people see it: the table's headings and its cells already formatted, so that the page and the CSV
/// export show the very same text, and optionally a chart of the same figures.
/// </summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public ReportChart? Chart { get; init; }
}

public enum ChartKind
{
    Line,
    Bar,
}

/// <summary>A chart: one label per point along the bottom axis, one or more series of values against the side axis.</summary>
public sealed record ReportChart(ChartKind Kind, string ValueAxis, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series);

public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
