using System.IO.Compression;
using Bot.Data.Contacts;
using Bot.Data.Contacts.OneRoster;
using Bot.Data.Importing;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Contacts;

public sealed class OneRosterImporterTests : IDisposable
{
    private const string Manifest = """
        propertyName,value
        manifest.version,1.0
        oneroster.version,1.1
        file.orgs,bulk
        file.users,bulk
        file.enrollments,absent
        """;

    private const string Orgs = """
        sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
        d1,,2026-08-01T00:00:00Z,Sample District,district,,
        s1,,2026-08-01T00:00:00Z,Cedar Hollow High School,school,CHHS,d1
        s2,,2026-08-01T00:00:00Z,Maple Elementary,school,ME,d1
        """;

    // Columns in an order of their own, and one the desk does not know: columns are matched by name.
    private const string Users = """
        role,sourcedId,givenName,familyName,status,dateLastModified,email,sms,phone,orgSourcedIds,agentSourcedIds,identifier,grades,metadata.preferredLanguage,favouriteColour
        student,u1,Ana,Valdemora,,2026-08-01T00:00:00Z,S100001@Students.Example.org,(312) 555-0101,,s1,"g1,g2",100001,10,es,blue
        student,u2,Beto,Valdemora,,2026-08-01T00:00:00Z,,,312.555.0110,s2,g1,100002,03,es,green
        parent,g1,Rosa,Valdemora,,2026-08-01T00:00:00Z,rosa@mail.example.com,+13125550110,,"s1,s2","u1,u2",,,es,
        guardian,g2,Luis,Valdemora,,2026-08-01T00:00:00Z,,312-555-0120,,s1,u1,,,spanish,
        teacher,t1,Maya,Quillfeather,,2026-08-01T00:00:00Z,maya.quillfeather@district.example.org,,,s1,,,,en,
        student,,No,Sourced,,2026-08-01T00:00:00Z,,,,s1,,,,,
        janitor,j1,Sam,Mopwell,,2026-08-01T00:00:00Z,,,,s1,,,,,
        student,u3,Cleo,Brightwater,,2026-08-01T00:00:00Z,not-an-email,not-a-phone,,s9,ghost,100003,11,,
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("oneroster-").FullName;

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task People_come_in_with_normalised_numbers_schools_and_links_both_ways_and_bad_rows_are_reported(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        Write(Manifest, Orgs, Users);

        var report = await ImportAsync(test.Database);

        Assert.Equal((6, 0, 0, 0, 2), (report.Added, report.Updated, report.Deactivated, report.Unchanged, report.Skipped));
        Assert.Equal(
            [
                "users.csv:7: no sourcedId",
                "users.csv:8: unknown role 'janitor'",
                "users.csv:9: sms 'not-a-phone' is not a valid phone number (region US)",
                "users.csv:9: email 'not-an-email' is not a valid address",
                "users.csv:9: orgSourcedIds names 's9', which is not a known school",
                "users.csv:9: agentSourcedIds names 'ghost', who is not a known person",
            ],
            report.Problems.Select(problem => problem.ToString()));

        var people = new PeopleStore(test.Database);
        var ana = (await people.BySourcedIdAsync("u1", CancellationToken.None))!;
        Assert.Equal(("Ana", "es", "s100001@students.example.org"), (ana.GivenName, ana.Language, ana.Email));
        Assert.Equal([("email", "s100001@students.example.org"), ("sms", "+13125550101")], await people.AddressesAsync(ana.Id, CancellationToken.None));
        Assert.Equal(["Cedar Hollow High School"], await people.SchoolsAsync(ana.Id, CancellationToken.None));
        Assert.Equal(["g1", "g2"], (await people.GuardiansOfAsync(ana.Id, CancellationToken.None)).Select(p => p.SourcedId));
        var rosa = (await people.BySourcedIdAsync("g1", CancellationToken.None))!;
        Assert.Equal(["Ana", "Beto"], (await people.StudentsOfAsync(rosa.Id, CancellationToken.None)).Select(p => p.GivenName));
        Assert.Equal("es", (await people.BySourcedIdAsync("g2", CancellationToken.None))!.Language);

        // Beto has no phone of his own; his listed phone is his mother's: a family phone names both.
        Assert.Equal(["g1", "u2"], (await people.ByAddressAsync("sms", "+13125550110", CancellationToken.None)).Select(p => p.SourcedId).Order());
        var cleo = (await people.BySourcedIdAsync("u3", CancellationToken.None))!;
        Assert.Equal((null, "11"), (cleo.Email, cleo.Grades));
        Assert.Empty(await people.AddressesAsync(cleo.Id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Importing_the_same_export_again_changes_nothing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        Write(Manifest, Orgs, Users);
        await ImportAsync(test.Database);
        var before = await SnapshotAsync(test.Database);

        var again = await ImportAsync(test.Database);

        Assert.Equal((0, 0, 0, 6), (again.Added, again.Updated, again.Deactivated, again.Unchanged));
        Assert.Equal(before, await SnapshotAsync(test.Database));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Someone_left_out_of_a_bulk_export_is_deactivated_not_deleted_and_comes_back_when_listed_again(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        Write(Manifest, Orgs, Users);
        await ImportAsync(test.Database);
        var people = new PeopleStore(test.Database);

        Write(Manifest, Orgs, string.Join('\n', Users.Split('\n').Where(line => !line.StartsWith("teacher,", StringComparison.Ordinal))));
        var without = await ImportAsync(test.Database);
        var maya = await people.BySourcedIdAsync("t1", CancellationToken.None);

        Assert.Equal(1, without.Deactivated);
        Assert.False(maya!.Active);
        Assert.Empty(await people.ByAddressAsync("email", "maya.quillfeather@district.example.org", CancellationToken.None));

        Write(Manifest, Orgs, Users);
        var back = await ImportAsync(test.Database);

        Assert.Equal((0, 1), (back.Added, back.Updated));
        Assert.True((await people.BySourcedIdAsync("t1", CancellationToken.None))!.Active);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_delta_deactivates_tobedeleted_ignores_older_rows_and_reports_a_declared_file_that_is_missing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        Write(Manifest, Orgs, Users);
        await ImportAsync(test.Database);
        var people = new PeopleStore(test.Database);

        Write(
            Manifest.Replace("file.users,bulk", "file.users,delta", StringComparison.Ordinal).Replace("file.enrollments,absent", "file.courses,bulk", StringComparison.Ordinal),
            Orgs,
            """
            sourcedId,status,dateLastModified,role,givenName,familyName,sms,orgSourcedIds,agentSourcedIds
            u2,tobedeleted,2026-09-01T00:00:00Z,student,Beto,Valdemora,,s2,g1
            t1,active,2026-07-01T00:00:00Z,teacher,Maya,Oldname,,s1,
            g2,active,2026-09-02T00:00:00Z,guardian,Luis,Valdemora,(312) 555-0199,s1,u1
            """);
        var delta = await ImportAsync(test.Database);

        Assert.Equal((0, 1, 1), (delta.Added, delta.Updated, delta.Deactivated));
        Assert.False((await people.BySourcedIdAsync("u2", CancellationToken.None))!.Active);
        Assert.Equal("Quillfeather", (await people.BySourcedIdAsync("t1", CancellationToken.None))!.FamilyName);
        Assert.Equal("g2", Assert.Single(await people.ByAddressAsync("sms", "+13125550199", CancellationToken.None)).SourcedId);
        Assert.Contains(delta.Problems, problem => problem.ToString() == "users.csv:3: older than what is stored (dateLastModified 2026-07-01T00:00:00Z)");
        Assert.Contains(delta.Problems, problem => problem.Kind == ImportProblemKind.MissingFile && problem.File == "courses.csv");
    }

    [Fact]
    public async Task A_zip_export_imports_like_a_folder_and_an_export_without_a_manifest_is_refused()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Write(Manifest, Orgs, Users);
        var zip = Path.Combine(Path.GetTempPath(), $"oneroster-{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(folder, zip);
        try
        {
            using (var source = ImportSource.Open(zip))
            {
                var report = await Importer(test.Database).ImportAsync(source, null, CancellationToken.None);
                Assert.Equal(6, report.Added);
            }

            File.Delete(Path.Combine(folder, "manifest.csv"));
            using var noManifest = ImportSource.Open(folder);
            var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Importer(test.Database).ImportAsync(noManifest, null, CancellationToken.None));
            Assert.Contains("manifest.csv", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static OneRosterImporter Importer(Database database) => new(database, new PhoneNumberNormalizer("US"), TimeProvider.System);

    private async Task<ImportReport> ImportAsync(Database database)
    {
        using var source = ImportSource.Open(folder);
        return await Importer(database).ImportAsync(source, null, CancellationToken.None);
    }

    private void Write(string manifest, string orgs, string users)
    {
        File.WriteAllText(Path.Combine(folder, "manifest.csv"), manifest);
        File.WriteAllText(Path.Combine(folder, "orgs.csv"), orgs);
        File.WriteAllText(Path.Combine(folder, "users.csv"), users);
    }

    private static async Task<string> SnapshotAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var people = await connection.QueryAsync<string>("SELECT sourced_id || '|' || given_name || '|' || CAST(active AS TEXT) || '|' || updated_at FROM people ORDER BY sourced_id");
        var addresses = await connection.QueryAsync<string>("SELECT CAST(person_id AS TEXT) || channel || address FROM person_addresses ORDER BY 1");
        var links = await connection.QueryAsync<string>("SELECT CAST(guardian_id AS TEXT) || '>' || CAST(student_id AS TEXT) FROM guardianships ORDER BY 1");
        return string.Join('\n', people.Concat(addresses).Concat(links));
    }
}
