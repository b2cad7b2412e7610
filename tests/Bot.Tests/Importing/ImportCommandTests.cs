using Bot.Data;
using Bot.Data.Contacts;
using Bot.Data.Devices;
using Bot.Importing;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Importing;

/// <summary>The import commands and the sample district, on the committed sample files.</summary>
public class ImportCommandTests
{
    private static readonly string Samples = Path.Combine(RepositoryRoot(), "samples");

    [Fact]
    public async Task Importing_the_sample_district_reports_its_three_bad_rows_by_line_and_a_second_run_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);

        var (code, output, error) = await RunAsync(app, "import", "oneroster", Path.Combine(Samples, "oneroster"));
        var (_, again, _) = await RunAsync(app, "import", "oneroster", Path.Combine(Samples, "oneroster"));

        Assert.Equal(0, code);
        Assert.StartsWith("Imported: added 612, updated 0, deactivated 0, unchanged 0, skipped 2, values left out 1.", output, StringComparison.Ordinal);
        Assert.Contains("users.csv:613: no sourcedId", output, StringComparison.Ordinal);
        Assert.Contains("users.csv:614: unknown role 'janitor'", output, StringComparison.Ordinal);
        Assert.Contains("users.csv:615: sms 'not-a-phone' is not a valid phone number", output, StringComparison.Ordinal);
        Assert.Contains("612/612", error, StringComparison.Ordinal);
        Assert.StartsWith("Imported: added 0, updated 0, deactivated 0, unchanged 612,", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_imports_nothing_and_a_wrong_command_line_shows_the_usage()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = DeskApp.On(database);

        var missing = await RunAsync(app, "import", "devices", Path.Combine(Samples, "no-such.csv"));
        var usage = await RunAsync(app, "import", "teachers", "x");

        Assert.Equal(1, missing.Code);
        Assert.Contains("Nothing was imported: No file at", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, usage.Code);
        Assert.StartsWith("Usage: import oneroster", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_desk_starts_with_the_sample_district_when_asked_and_only_once()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var settings = new Dictionary<string, string?> { ["Samples:ImportWhenEmpty"] = "true", ["Samples:Folder"] = Samples };
        await using (var first = DeskApp.On(database, settings: settings))
        {
            _ = first.Server;
        }

        await using var second = DeskApp.On(database, settings: settings);
        _ = second.Server;

        var people = second.Services.GetRequiredService<PeopleStore>();
        var student = await people.BySourcedIdAsync("stu-0001", CancellationToken.None);
        Assert.NotNull(student);
        var loans = await second.Services.GetRequiredService<DeviceStore>().ActiveLoansAsync(student.Id, CancellationToken.None);
        Assert.Contains(loans, loan => loan.Kind == "chromebook");
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(612L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM people"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(DeskApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImportCommand.RunAsync(app.Services, args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("The repository root (with Bot.sln) was not found.");
    }
}
