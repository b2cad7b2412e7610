using System.Globalization;
using CsvHelper;

namespace Bot.Samples;

/// <summary>
/// Writes a made-up school district (Maple Valley) as the files a real district would hand the importer: OneRoster
/// 1.1 bulk CSVs for orgs and people, and the desk's own device and loan CSVs. Nobody in it is real: family names are
/// invented, e-mail domains are <c>example</c> ones and every phone number is a fictional 555-01XX number. The files are
/// byte-for-byte the same on every run, so they can be committed, diffed and used in demos and tests.
/// </summary>
public static class SampleDistrict
{
    /// <summary>The day the sample data describes: loans are out, the first term is under way.</summary>
    public static readonly DateOnly Today = new(2026, 11, 16);

    private const string DateLastModified = "2026-08-01T00:00:00Z";

    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };

    /// <summary>
    /// Writes <c>oneroster/manifest.csv</c>, <c>oneroster/orgs.csv</c>, <c>oneroster/users.csv</c>, <c>devices.csv</c> and
    /// <c>loans.csv</c> into <paramref name="folder"/>, creating it if needed and replacing files already there.
    /// </summary>
    public static void Write(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var data = SampleDistrictBuilder.Build();
        var oneRoster = Path.Combine(folder, "oneroster");
        Directory.CreateDirectory(oneRoster);

        WriteFile(Path.Combine(oneRoster, "manifest.csv"), ["propertyName", "value"], Manifest());
        WriteFile(
            Path.Combine(oneRoster, "orgs.csv"),
            ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
            data.Orgs.Select(o => new[] { o.SourcedId, "", DateLastModified, o.Name, o.Type, o.Identifier, o.ParentSourcedId }));
        WriteFile(
            Path.Combine(oneRoster, "users.csv"),
            [
                "sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
                "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
                "password", "metadata.preferredLanguage",
            ],
            data.People.Select(UserRow));
        WriteFile(
            Path.Combine(folder, "devices.csv"),
            ["assetTag", "serialNumber", "model", "kind", "status", "schoolSourcedId", "notes"],
            data.Devices.Select(d => new[] { d.AssetTag, d.SerialNumber, d.Model, d.Kind, d.Status, d.SchoolSourcedId, d.Notes }));
        WriteFile(
            Path.Combine(folder, "loans.csv"),
            ["assetTag", "personSourcedId", "checkedOut", "due", "returned", "conditionNotes"],
            data.Loans.Select(l => new[] { l.Device.AssetTag, l.PersonSourcedId, Iso(l.CheckedOut), Iso(l.Due), l.Returned is { } returned ? Iso(returned) : "", l.ConditionNotes }));
    }

    /// <summary>Only orgs and users are sent, both as complete (bulk) files, as the OneRoster 1.1 manifest declares it.</summary>
    private static IEnumerable<string[]> Manifest() =>
    [
        ["manifest.version", "1.0"],
        ["oneroster.version", "1.1"],
        ["file.academicSessions", "absent"],
        ["file.categories", "absent"],
        ["file.classes", "absent"],
        ["file.classResources", "absent"],
        ["file.courses", "absent"],
        ["file.courseResources", "absent"],
        ["file.demographics", "absent"],
        ["file.enrollments", "absent"],
        ["file.lineItems", "absent"],
        ["file.orgs", "bulk"],
        ["file.resources", "absent"],
        ["file.results", "absent"],
        ["file.users", "bulk"],
        ["source.systemName", "Sample District Generator"],
        ["source.systemCode", "sample"],
    ];

    private static string[] UserRow(SamplePerson p) =>
    [
        p.SourcedId, "", DateLastModified, "true", string.Join(',', p.OrgSourcedIds), p.Role, p.Username, "",
        p.GivenName, p.FamilyName, "", p.Identifier, p.Email, p.Sms, p.Phone, string.Join(',', p.AgentSourcedIds), p.Grade,
        "", p.Language,
    ];

    private static void WriteFile(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var csv = CsvWriter.ToFile(path, Csv);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
