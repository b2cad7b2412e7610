using Bot.Data.Contacts.OneRoster;
using Bot.Data.Devices;
using Bot.Data.Importing;
using Bot.Data.Schema;

namespace Bot.Importing;

/// <summary>
/// <c>import oneroster &lt;folder-or-zip&gt;</c>, <c>import devices &lt;csv&gt;</c>, <c>import loans &lt;csv&gt;</c>: imports
/// into the configured database, with a progress bar on standard error and a summary (and every problem, by file
/// and line) on standard output. Exit code 0 when the import ran, even with problems; 1 when it could not; 2 for
/// a wrong command line.
/// </summary>
public static class ImportCommand
{
    public static bool Handles(string[] args) => args is ["import", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is not ["import", "oneroster" or "devices" or "loans", var path])
        {
            await error.WriteLineAsync("Usage: import oneroster <folder-or-zip> | import devices <devices.csv> | import loans <loans.csv>");
            return 2;
        }

        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        var progress = new ConsoleProgress(error);
        ImportReport report;
        try
        {
            report = await ImportAsync(services, args[1], path, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            progress.Finish();
            await error.WriteLineAsync($"Nothing was imported: {ex.Message}");
            return 1;
        }

        progress.Finish();
        await WriteAsync(report, output);
        return 0;
    }

    public static async Task<ImportReport> ImportAsync(IServiceProvider services, string kind, string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (kind == "oneroster")
        {
            using var source = ImportSource.Open(path);
            return await services.GetRequiredService<OneRosterImporter>().ImportAsync(source, progress, cancellationToken);
        }

        using var reader = File.Exists(path) ? new StreamReader(path) : throw new FileNotFoundException($"No file at '{path}'.", path);
        var importer = services.GetRequiredService<DeviceImporter>();
        var name = Path.GetFileName(path);
        return kind == "devices"
            ? await importer.ImportDevicesAsync(reader, name, progress, cancellationToken)
            : await importer.ImportLoansAsync(reader, name, progress, cancellationToken);
    }

    private static async Task WriteAsync(ImportReport report, TextWriter output)
    {
        await output.WriteLineAsync($"Imported: {report}.");
        foreach (var group in report.Problems.GroupBy(problem => problem.Kind))
        {
            await output.WriteLineAsync(group.Key switch
            {
                ImportProblemKind.SkippedRow => "Rows skipped:",
                ImportProblemKind.ValueLeftOut => "Values left out (the rest of the row was imported):",
                _ => "Files missing:",
            });
            foreach (var problem in group)
            {
                await output.WriteLineAsync($"  {problem}");
            }
        }
    }
}
