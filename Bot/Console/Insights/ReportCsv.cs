using CsvHelper;

namespace Bot.Console.Insights;

/// <summary>
/// A report as CSV: the headings and the cells the page shows, nothing more. Text that a spreadsheet would run as a
/// formula (starting with = + - @, a tab or CR) gets a leading apostrophe.
/// </summary>
public static class ReportCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\r\n",
    };

    public static string Write(ReportTable table)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. table.Columns]);
            foreach (var row in table.Rows)
            {
                csv.WriteRecord([.. row]);
            }
        }

        return text.ToString();
    }
}
