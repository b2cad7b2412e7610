using System.Text.RegularExpressions;
using Bot.Samples;
using CsvHelper;

namespace Bot.Tests.Samples;

/// <summary>The sample district, written once into a temporary folder and read back by header name.</summary>
public sealed class SampleDistrictFolder : IDisposable
{
    public SampleDistrictFolder()
    {
        SampleDistrict.Write(Folder);
        Manifest = SampleDistrictTests.Read(Path.Combine(Folder, "oneroster", "manifest.csv"));
        Orgs = SampleDistrictTests.Read(Path.Combine(Folder, "oneroster", "orgs.csv"));
        Users = SampleDistrictTests.Read(Path.Combine(Folder, "oneroster", "users.csv"));
        Devices = SampleDistrictTests.Read(Path.Combine(Folder, "devices.csv"));
        Loans = SampleDistrictTests.Read(Path.Combine(Folder, "loans.csv"));
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("sample-district-").FullName;
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Manifest { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Orgs { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Users { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Devices { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Loans { get; }

    /// <summary>The users the importer should accept: every row except the three labelled sample errors.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> GoodUsers => Users.Where(u => !u["familyName"].Contains("(sample error)", StringComparison.Ordinal));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public class SampleDistrictTests(SampleDistrictFolder sample) : IClassFixture<SampleDistrictFolder>
{
    private static readonly string[] Files = ["devices.csv", "loans.csv", "oneroster/manifest.csv", "oneroster/orgs.csv", "oneroster/users.csv"];
    private static readonly string[] GuardianRoles = ["parent", "guardian"];
    private static readonly string[] KnownRoles = ["student", "parent", "guardian", "teacher", "aide", "administrator"];

    [Fact]
    public void Writing_twice_gives_the_same_bytes_without_a_byte_order_mark_and_with_crlf_line_ends()
    {
        var first = Directory.CreateTempSubdirectory("sample-district-a-").FullName;
        var second = Directory.CreateTempSubdirectory("sample-district-b-").FullName;
        try
        {
            SampleDistrict.Write(first);
            SampleDistrict.Write(second);

            Assert.Equal(Files, FilesIn(first));
            Assert.Equal(Files, FilesIn(second));
            foreach (var file in Files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(first, file));
                Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(second, file)));
                Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(sample.Folder, file)));
                Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{file} starts with a byte order mark");
                var lineFeeds = bytes.Count(b => b == (byte)'\n');
                var crlf = bytes.Zip(bytes.Skip(1)).Count(pair => pair is ((byte)'\r', (byte)'\n'));
                Assert.True(lineFeeds > 1 && lineFeeds == crlf, $"{file} does not end every line with CRLF");
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void The_committed_samples_folder_is_what_the_generator_writes()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bot.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var committed = Path.Combine(root.FullName, "samples");
        Assert.Equal(Files, FilesIn(committed));
        Assert.All(Files, file => Assert.True(
            File.ReadAllBytes(Path.Combine(committed, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sample.Folder, file))),
            $"samples/{file} differs from what SampleDistrict.Write produces: regenerate it with 'samples generate samples'"));
    }

    [Fact]
    public void The_manifest_declares_orgs_and_users_as_bulk_and_every_other_file_absent()
    {
        var manifest = sample.Manifest.ToDictionary(r => r["propertyName"], r => r["value"], StringComparer.Ordinal);

        Assert.Equal("1.0", manifest["manifest.version"]);
        Assert.Equal("1.1", manifest["oneroster.version"]);
        Assert.Equal("bulk", manifest["file.orgs"]);
        Assert.Equal("bulk", manifest["file.users"]);
        var others = manifest.Where(p => p.Key.StartsWith("file.", StringComparison.Ordinal) && p.Key is not ("file.orgs" or "file.users")).ToList();
        Assert.Equal(11, others.Count);
        Assert.All(others, p => Assert.Equal("absent", p.Value));
    }

    [Fact]
    public void The_district_has_four_schools_under_it()
    {
        var district = Assert.Single(sample.Orgs, o => o["type"] == "district");
        var schools = sample.Orgs.Where(o => o["type"] == "school").ToList();

        Assert.Equal("Maple Valley Sample School District", district["name"]);
        Assert.Equal(4, schools.Count);
        Assert.All(schools, s => Assert.Equal(district["sourcedId"], s["parentSourcedId"]));
        Assert.Equal(5, sample.Orgs.Count);
    }

    [Fact]
    public void Students_and_their_guardians_name_each_other()
    {
        var byId = sample.GoodUsers.ToDictionary(u => u["sourcedId"], StringComparer.Ordinal);
        var students = sample.GoodUsers.Where(u => u["role"] == "student").ToList();
        var guardians = sample.GoodUsers.Where(u => GuardianRoles.Contains(u["role"])).ToList();

        Assert.InRange(students.Count, 280, 320);
        Assert.NotEmpty(guardians);
        foreach (var student in students)
        {
            var agents = List(student["agentSourcedIds"]);
            Assert.InRange(agents.Count, 1, 2);
            foreach (var agent in agents)
            {
                Assert.True(byId.TryGetValue(agent, out var guardian), $"{student["sourcedId"]} names missing guardian {agent}");
                Assert.Contains(guardian["role"], GuardianRoles);
                Assert.Contains(student["sourcedId"], List(guardian["agentSourcedIds"]));
                Assert.Contains(student["orgSourcedIds"], List(guardian["orgSourcedIds"]));
            }
        }

        foreach (var guardian in guardians)
        {
            var children = List(guardian["agentSourcedIds"]);
            Assert.InRange(children.Count, 1, 3);
            Assert.All(children, child => Assert.Contains(guardian["sourcedId"], List(byId[child]["agentSourcedIds"])));
        }
    }

    [Fact]
    public void Students_attend_a_school_that_teaches_their_grade_and_only_grade_6_up_have_email_or_own_phones()
    {
        var schools = sample.Orgs.Where(o => o["type"] == "school").ToDictionary(o => o["sourcedId"], o => GradesTaught(o["name"]), StringComparer.Ordinal);
        var students = sample.GoodUsers.Where(u => u["role"] == "student").ToList();

        foreach (var student in students)
        {
            var school = Assert.Single(List(student["orgSourcedIds"]));
            Assert.Contains(student["grades"], schools[school]);
            Assert.Matches("^[0-9]{6}$", student["identifier"]);
            Assert.Equal("s" + student["identifier"], student["username"]);
            var older = student["grades"] is not ("KG" or "01" or "02" or "03" or "04" or "05");
            Assert.Equal(older ? $"s{student["identifier"]}@students.maple-valley.example.org" : "", student["email"]);
            Assert.True(older || student["sms"].Length == 0, $"{student["sourcedId"]} in grade {student["grades"]} has an sms number");
        }

        Assert.All(schools, s => Assert.Equal(s.Value, students.Where(u => u["orgSourcedIds"] == s.Key).Select(u => u["grades"]).Distinct().Order(StringComparer.Ordinal)));
        Assert.Equal(students.Count, students.Select(u => u["identifier"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Family_phones_are_shared_by_several_people_but_never_across_families()
    {
        var holders = sample.GoodUsers
            .SelectMany(u => new[] { (Number: Normalise(u["sms"]), Field: "sms", User: u), (Number: Normalise(u["phone"]), Field: "phone", User: u) })
            .Where(h => h.Number.Length > 0)
            .GroupBy(h => h.Number, StringComparer.Ordinal)
            .Where(g => g.Select(h => h.User["sourcedId"]).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();

        Assert.NotEmpty(holders);
        Assert.Contains(holders, g => g.Any(h => h.Field == "phone" && h.User["role"] == "student") && g.Any(h => h.Field == "sms" && GuardianRoles.Contains(h.User["role"])));
        Assert.Contains(holders, g => g.Count(h => h.Field == "sms" && h.User["role"] == "student") == 2);
        var byId = sample.GoodUsers.ToDictionary(u => u["sourcedId"], StringComparer.Ordinal);
        foreach (var shared in holders)
        {
            var families = shared.Select(h => Family(h.User, byId)).Distinct(StringComparer.Ordinal).ToList();
            Assert.True(families.Count == 1, $"{shared.Key} is shared across families {string.Join(" / ", families)}");
        }
    }

    [Fact]
    public void Every_phone_is_a_fictional_555_01XX_number_in_one_of_the_expected_formats()
    {
        var formats = new Regex(@"^(\+1\d{10}|\(\d{3}\) \d{3}-\d{4}|\d{3}\.\d{3}\.\d{4}|\d{3}-\d{3}-\d{4})$");
        var numbers = sample.GoodUsers.SelectMany(u => new[] { u["sms"], u["phone"] }).Where(n => n.Length > 0).ToList();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.Matches(formats, n));
        Assert.All(numbers, n => Assert.Matches("^(312|773|872|630|708|847)55501[0-9]{2}$", Normalise(n)));
        Assert.Contains(numbers, n => n.StartsWith("+1", StringComparison.Ordinal));
        Assert.Contains(numbers, n => !n.StartsWith("+1", StringComparison.Ordinal));
    }

    [Fact]
    public void Exactly_three_rows_are_deliberately_bad_and_the_rest_are_well_formed()
    {
        var emptyId = Assert.Single(sample.Users, u => u["sourcedId"].Length == 0);
        var unknownRole = Assert.Single(sample.Users, u => !KnownRoles.Contains(u["role"]));
        var badPhone = Assert.Single(sample.Users, u => u["sms"] == "not-a-phone");

        Assert.Equal("janitor", unknownRole["role"]);
        Assert.Equal("student", badPhone["role"]);
        Assert.NotEmpty(badPhone["sourcedId"]);
        Assert.Matches("^[0-9]{6}$", badPhone["identifier"]);
        Assert.Equal([emptyId, unknownRole, badPhone], sample.Users.TakeLast(3));
        Assert.All(sample.Users.TakeLast(3), u => Assert.Contains("(sample error)", u["familyName"], StringComparison.Ordinal));
        Assert.Equal(sample.Users.Count - 3, sample.GoodUsers.Count());
        Assert.Equal(sample.GoodUsers.Count(), sample.GoodUsers.Select(u => u["sourcedId"]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sample.Users, u => Assert.Equal(("", "true", "2026-08-01T00:00:00Z"), (u["status"], u["enabledUser"], u["dateLastModified"])));
        Assert.InRange(sample.GoodUsers.Count(u => u["role"] is "teacher" or "aide" or "administrator"), 25, 35);
    }

    [Fact]
    public void Every_loaned_device_has_exactly_one_active_loan_and_no_other_device_has_one()
    {
        var active = sample.Loans.Where(l => l["returned"].Length == 0).ToList();
        var activeByDevice = active.GroupBy(l => l["assetTag"], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.All(activeByDevice, d => Assert.True(d.Value == 1, $"{d.Key} has {d.Value} active loans"));
        foreach (var device in sample.Devices)
        {
            var expected = device["status"] == "loaned" ? 1 : 0;
            Assert.True(expected == activeByDevice.GetValueOrDefault(device["assetTag"]), $"{device["assetTag"]} ({device["status"]}) has {activeByDevice.GetValueOrDefault(device["assetTag"])} active loans");
        }

        Assert.Equal(sample.Devices.Count, sample.Devices.Select(d => d["assetTag"]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sample.Loans, l => Assert.Contains(l["assetTag"], sample.Devices.Select(d => d["assetTag"])));
    }

    [Fact]
    public void Active_loans_go_to_people_who_exist_chromebooks_and_hotspots_to_students_laptops_to_staff()
    {
        var people = sample.GoodUsers.ToDictionary(u => u["sourcedId"], StringComparer.Ordinal);
        var kinds = sample.Devices.ToDictionary(d => d["assetTag"], d => d["kind"], StringComparer.Ordinal);
        var active = sample.Loans.Where(l => l["returned"].Length == 0).ToList();

        foreach (var loan in sample.Loans)
        {
            Assert.True(people.TryGetValue(loan["personSourcedId"], out var person), $"{loan["assetTag"]} is on loan to unknown {loan["personSourcedId"]}");
            Assert.Equal(kinds[loan["assetTag"]] == "windows" ? "staff" : "student", person["role"] == "student" ? "student" : "staff");
        }

        var students = sample.GoodUsers.Where(u => u["role"] == "student").Select(u => u["sourcedId"]).ToList();
        var chromebooks = active.Where(l => kinds[l["assetTag"]] == "chromebook").Select(l => l["personSourcedId"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(students.Order(StringComparer.Ordinal), chromebooks);
        Assert.InRange(active.Count(l => kinds[l["assetTag"]] == "hotspot"), 30, 40);
        Assert.All(active, l => Assert.Equal(("2027-06-04", true), (l["due"], string.CompareOrdinal(l["checkedOut"], "2026-08-01") >= 0 && string.CompareOrdinal(l["checkedOut"], "2026-09-30") <= 0)));
    }

    [Fact]
    public void Returned_loans_are_history_dated_before_the_sample_today()
    {
        var today = SampleDistrict.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var returned = sample.Loans.Where(l => l["returned"].Length > 0).ToList();

        Assert.Contains(returned, l => l["returned"] == "2026-06-05" && l["conditionNotes"].Length > 0);
        Assert.Contains(returned, l => l["conditionNotes"].Contains(',', StringComparison.Ordinal));
        Assert.All(returned, l => Assert.True(string.CompareOrdinal(l["checkedOut"], l["returned"]) <= 0 && string.CompareOrdinal(l["returned"], today) < 0));
        Assert.All(sample.Loans, l => Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", l["checkedOut"]));
    }

    internal static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(name => name, name => reader.GetString(name), StringComparer.Ordinal));
        }

        return rows;
    }

    private static List<string> FilesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static List<string> List(string field) => [.. field.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The ten digits of a North American number, whichever way it was written.</summary>
    private static string Normalise(string phone)
    {
        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }

    /// <summary>A family is named by its guardians (a guardian's, through their first child); staff are a family of one.</summary>
    private static string Family(IReadOnlyDictionary<string, string> user, Dictionary<string, IReadOnlyDictionary<string, string>> byId) => user["role"] switch
    {
        "student" => string.Join(',', List(user["agentSourcedIds"]).Order(StringComparer.Ordinal)),
        "parent" or "guardian" => Family(byId[List(user["agentSourcedIds"])[0]], byId),
        _ => user["sourcedId"],
    };

    private static string[] GradesTaught(string schoolName) =>
        schoolName.Contains("High", StringComparison.Ordinal) ? ["09", "10", "11", "12"]
        : schoolName.Contains("Middle", StringComparison.Ordinal) ? ["06", "07", "08"]
        : ["01", "02", "03", "04", "05", "KG"];
}
