using CsvHelper;

namespace Bot.Data.Importing;

/// <summary>
/// Rows of a CSV file with a header, read with CsvHelper by column name (never by position, which exports do not
/// keep), each with the line it starts on. A row whose quoting is broken is reported and skipped.
/// </summary>
public sealed class CsvRows : IDisposable
{
    private readonly CsvReader csv;
    private readonly ImportReport report;
    private Dictionary<string, int>? columns;

    public CsvRows(TextReader reader, string file, ImportReport report)
    {
        File = file;
        this.report = report;
        csv = CsvReader.Create(
            reader,
            new CsvReaderOptions
            {
                TrackLineNumbers = true,
                TrimWhitespace = true,
                SkipEmptyLines = true,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = bad => report.SkipRow(file, (int)bad.LineNumber, $"the row is not valid CSV ({bad.Reason})"),
            },
            leaveOpen: false);
    }

    public string File { get; }

    /// <summary>Every data row; a file without a header row is reported and gives none.</summary>
    public IEnumerable<CsvRow> Read()
    {
        columns = csv.Headers
            .Select((name, index) => (Name: name.Trim().ToLowerInvariant(), Index: index))
            .GroupBy(column => column.Name)
            .ToDictionary(group => group.Key, group => group.First().Index, StringComparer.Ordinal);
        if (columns.Count == 0)
        {
            report.MissingFile(File, "the file is empty: no header row");
            yield break;
        }

        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return new CsvRow((int)csv.LineNumber, fields, columns);
        }
    }

    public bool HasColumn(string name) => columns?.ContainsKey(name.ToLowerInvariant()) ?? false;

    public void Dispose() => csv.Dispose();
}

/// <summary>One row: a field by its column's name is "" when the column or the field is absent.</summary>
public sealed class CsvRow(int line, string[] fields, IReadOnlyDictionary<string, int> columns)
{
    public int Line { get; } = line;

    public string this[string column] =>
        columns.TryGetValue(column.ToLowerInvariant(), out var index) && index < fields.Length ? fields[index].Trim() : string.Empty;

    /// <summary>A comma-separated list field, split and trimmed, without empty items.</summary>
    public IReadOnlyList<string> List(string column) =>
        this[column].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
