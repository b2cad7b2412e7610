using System.Globalization;
using System.Text;

namespace Bot.Samples;

/// <summary>An org row of <c>orgs.csv</c>; <see cref="Grades"/> says which students a school takes.</summary>
internal sealed record SampleOrg(string SourcedId, string Name, string Type, string Identifier, string ParentSourcedId, IReadOnlyList<string> Grades);

/// <summary>A person row of <c>users.csv</c>. Phone numbers are ten digits here and only formatted when written.</summary>
internal sealed class SamplePerson
{
    public required string SourcedId { get; init; }
    public required string Role { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string Identifier { get; init; } = "";
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string SmsNumber { get; set; } = "";
    public string PhoneNumber { get; set; } = "";

    /// <summary>The <c>sms</c> field as written: <see cref="SmsNumber"/> formatted, or the deliberately bad text.</summary>
    public string Sms { get; set; } = "";

    /// <summary>The <c>phone</c> field as written: <see cref="PhoneNumber"/> formatted.</summary>
    public string Phone { get; set; } = "";
    public string Grade { get; init; } = "";
    public string Language { get; init; } = "en";
    public List<string> OrgSourcedIds { get; } = [];
    public List<string> AgentSourcedIds { get; } = [];
}

/// <summary>A row of <c>devices.csv</c>; the asset tag is given once every device of its kind exists.</summary>
internal sealed class SampleDevice
{
    public string AssetTag { get; set; } = "";
    public required string SerialNumber { get; init; }
    public required string Model { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required string SchoolSourcedId { get; init; }
    public string Notes { get; set; } = "";
}

/// <summary>A row of <c>loans.csv</c>; an active loan has no <see cref="Returned"/> date.</summary>
internal sealed record SampleLoan(SampleDevice Device, string PersonSourcedId, DateOnly CheckedOut, DateOnly Due, DateOnly? Returned, string ConditionNotes);

/// <summary>Everything the sample files hold, in the order the files list it.</summary>
internal sealed record SampleDistrictData(
    IReadOnlyList<SampleOrg> Orgs,
    IReadOnlyList<SamplePerson> People,
    IReadOnlyList<SampleDevice> Devices,
    IReadOnlyList<SampleLoan> Loans);

/// <summary>
/// Invents the sample district: families of students and guardians, staff, devices and loans. One seeded
/// <see cref="Random"/> drives every choice, so the district is the same on every run and every machine; the rows
/// are shaped after what a help desk meets (shared family phones, a student with two devices, a device in repair).
/// </summary>
internal sealed class SampleDistrictBuilder
{
    private const string DistrictDomain = "maple-valley.example.org";
    private const string StudentDomain = "students.maple-valley.example.org";
    private const string GuardianDomain = "mail.example.com";

    private const int Seed = 20261116;
    private const int StudentCount = 300;
    private const int SharedFamilyPhones = 9;
    private const int SiblingsSharingSms = 2;
    private const int StudentHotspots = 34;

    private static readonly string[] AllGrades = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
    private static readonly string[] AreaCodes = ["312", "773", "872", "630", "708", "847"];
    private static readonly DateOnly SchoolYearDue = new(2027, 6, 4);
    private static readonly DateOnly LastYearDue = new(2026, 6, 5);

    private static readonly string[] PreviousYearConditions =
    [
        "cracked hinge", "missing charger", "scratched lid", "sticky keys", "cracked hinge, missing charger",
        "sticker residue on lid (\"Go Cedars!\")", "missing keycap (J)", "worn charging port",
    ];

    private static readonly string[] HotspotConditions = ["missing charger", "missing USB cable", "cracked case", "battery will not hold charge"];

    private static readonly string[] RepairConditions =
    [
        "cracked screen", "keyboard spill", "will not charge", "cracked hinge", "trackpad does not click", "broken charging port",
    ];

    private readonly Random random = new(Seed);
    private readonly Queue<string> phonePool;
    private readonly HashSet<string> usedIdentifiers = [];
    private readonly HashSet<string> usedEmails = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedSerials = new(StringComparer.Ordinal);
    private readonly List<Family> families = [];
    private readonly List<SamplePerson> staff = [];
    private readonly List<SampleDevice> devices = [];
    private readonly List<SampleLoan> loans = [];
    private int guardianSequence;
    private int studentSequence;

    private readonly SampleOrg district;
    private readonly SampleOrg highSchool;
    private readonly SampleOrg middleSchool;
    private readonly SampleOrg willowmere;
    private readonly SampleOrg larkspur;

    private SampleDistrictBuilder()
    {
        var districtId = "org-mv-district";
        district = new(districtId, "Maple Valley Sample School District", "district", "MV-000", "", []);
        highSchool = new("org-mv-cedar-hollow-hs", "Cedar Hollow High School (sample)", "school", "MV-301", districtId, AllGrades[9..]);
        middleSchool = new("org-mv-fernbrook-ms", "Fernbrook Middle School (sample)", "school", "MV-201", districtId, AllGrades[6..9]);
        willowmere = new("org-mv-willowmere-es", "Willowmere Elementary School (sample)", "school", "MV-101", districtId, AllGrades[..6]);
        larkspur = new("org-mv-larkspur-ridge-es", "Larkspur Ridge Elementary School (sample)", "school", "MV-102", districtId, AllGrades[..6]);
        phonePool = new Queue<string>(Shuffle(AreaCodes.SelectMany(area => Enumerable.Range(0, 100).Select(line => $"{area}55501{line:D2}"))));
    }

    private IEnumerable<SampleOrg> Schools => [highSchool, middleSchool, willowmere, larkspur];

    /// <summary>Builds the whole district; every call returns the same data.</summary>
    public static SampleDistrictData Build()
    {
        var builder = new SampleDistrictBuilder();
        builder.AddFamilies();
        builder.ShareFamilyPhones();
        builder.AddStaff();
        builder.AddChromebooks();
        builder.AddHotspots();
        builder.AddWindowsLaptops();
        builder.AddOtherDevices();
        return builder.Result();
    }

    /// <summary>
    /// Formats a ten-digit number the way the row's source system might have: mostly E.164, sometimes as people type
    /// it, so that the importer's normalisation has work to do.
    /// </summary>
    private string FormatPhone(string digits)
    {
        if (digits.Length == 0)
        {
            return "";
        }

        var (area, exchange, line) = (digits[..3], digits[3..6], digits[6..]);
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.8 => $"+1{digits}",
            < 0.87 => $"({area}) {exchange}-{line}",
            < 0.94 => $"{area}.{exchange}.{line}",
            _ => $"{area}-{exchange}-{line}",
        };
    }

    private SampleDistrictData Result()
    {
        var students = families.SelectMany(f => f.Children).OrderBy(p => p.SourcedId, StringComparer.Ordinal);
        var guardians = families.SelectMany(f => f.Guardians).OrderBy(p => p.SourcedId, StringComparer.Ordinal);
        var people = students.Concat(guardians).Concat(staff).Concat(BadRows()).ToList();
        foreach (var person in people)
        {
            person.Sms = person.SmsNumber.Length > 0 ? FormatPhone(person.SmsNumber) : person.Sms;
            person.Phone = FormatPhone(person.PhoneNumber);
        }

        AssignAssetTags();
        var orderedLoans = loans
            .OrderBy(l => l.CheckedOut)
            .ThenBy(l => l.Device.AssetTag, StringComparer.Ordinal)
            .ToList();
        var orderedDevices = devices.OrderBy(d => d.AssetTag, StringComparer.Ordinal).ToList();
        return new SampleDistrictData([district, .. Schools], people, orderedDevices, orderedLoans);
    }

    private void AddFamilies()
    {
        var studentTotal = 0;
        while (studentTotal < StudentCount)
        {
            var roll = random.NextDouble();
            var size = Math.Min(roll < 0.5 ? 1 : roll < 0.85 ? 2 : 3, StudentCount - studentTotal);
            var family = NewFamily(size);
            families.Add(family);
            studentTotal += family.Children.Count;
        }

        foreach (var family in families)
        {
            foreach (var child in family.Children)
            {
                child.AgentSourcedIds.AddRange(family.Guardians.Select(g => g.SourcedId));
            }

            var childIds = family.Children.Select(c => c.SourcedId).ToList();
            var schools = family.Children.Select(c => c.OrgSourcedIds[0]).Distinct(StringComparer.Ordinal).ToList();
            foreach (var guardian in family.Guardians)
            {
                guardian.AgentSourcedIds.AddRange(childIds);
                guardian.OrgSourcedIds.AddRange(schools);
            }
        }
    }

    private Family NewFamily(int size)
    {
        var language = random.NextDouble() < 0.2 ? "es" : "en";
        var familyName = language == "es" && random.NextDouble() < 0.8
            ? Pick(SampleNames.InventedSpanishFamilyNames)
            : Pick([.. SampleNames.InventedFamilyNames, .. SampleNames.InventedSpanishFamilyNames]);
        var elementary = families.Count % 2 == 0 ? willowmere : larkspur;
        var family = new Family();
        var firstNames = new List<string>();

        var guardianCount = random.NextDouble() < 0.6 ? 2 : 1;
        for (var i = 0; i < guardianCount; i++)
        {
            var name = i == 1 && random.NextDouble() < 0.25 ? Pick(SampleNames.InventedFamilyNames) : familyName;
            var role = random.NextDouble() < 0.1 ? "guardian" : "parent";
            family.Guardians.Add(NewGuardian(DistinctFirstName(firstNames), name, role, language));
        }

        foreach (var grade in SiblingGrades(size))
        {
            var school = Schools.First(s => s.Grades.Contains(grade) && (s.Grades.Count != 6 || ReferenceEquals(s, elementary)));
            family.Children.Add(NewStudent(DistinctFirstName(firstNames), familyName, grade, school, language));
        }

        return family;
    }

    private SamplePerson NewGuardian(string givenName, string familyName, string role, string language)
    {
        var sourcedId = $"gdn-{++guardianSequence:D4}";
        var guardian = new SamplePerson
        {
            SourcedId = sourcedId,
            Role = role,
            GivenName = givenName,
            FamilyName = familyName,
            Language = language,
        };

        if (random.NextDouble() < 0.95)
        {
            guardian.Email = UniqueEmail(_ => $"{EmailPart(givenName)}.{EmailPart(familyName)}.{random.Next(1, 100)}@{GuardianDomain}");
        }

        guardian.Username = guardian.Email.Length > 0 ? guardian.Email : sourcedId;
        guardian.SmsNumber = random.NextDouble() < 0.95 ? NextPhone() : "";
        guardian.PhoneNumber = random.NextDouble() < 0.3 ? NextPhone() : "";
        return guardian;
    }

    private SamplePerson NewStudent(string givenName, string familyName, string grade, SampleOrg school, string language)
    {
        var number = NewStudentNumber();
        var student = new SamplePerson
        {
            SourcedId = $"stu-{++studentSequence:D4}",
            Role = "student",
            GivenName = givenName,
            FamilyName = familyName,
            Identifier = number,
            Username = $"s{number}",
            Grade = grade,
            Language = language,
        };
        student.OrgSourcedIds.Add(school.SourcedId);
        if (IsSecondary(grade))
        {
            student.Email = $"s{number}@{StudentDomain}";
            student.SmsNumber = random.NextDouble() < 0.6 ? NextPhone() : "";
        }

        return student;
    }

    /// <summary>Grades 06 to 12: students with a school e-mail address, and often a phone of their own.</summary>
    private static bool IsSecondary(string grade) => Array.IndexOf(AllGrades, grade) >= 6;

    /// <summary>Grades of siblings: close to one another, rarely the same (twins).</summary>
    private List<string> SiblingGrades(int size)
    {
        var first = random.Next(AllGrades.Length);
        var grades = new List<int> { first };
        while (grades.Count < size)
        {
            var grade = random.Next(Math.Max(0, first - 6), Math.Min(AllGrades.Length - 1, first + 6) + 1);
            if (!grades.Contains(grade) || random.NextDouble() < 0.05)
            {
                grades.Add(grade);
            }
        }

        return grades.Order().Select(g => AllGrades[g]).ToList();
    }

    /// <summary>
    /// Writes a guardian's mobile number as one sibling's phone in a few families, and gives two siblings one mobile
    /// in a couple more, because a text from such a number does not say which student it is about.
    /// </summary>
    private void ShareFamilyPhones()
    {
        var withGuardianPhone = Shuffle(families.Where(f =>
            f.Children.Count >= 2
            && f.Guardians.Any(g => g.SmsNumber.Length > 0)
            && f.Children.Any(c => c.SmsNumber.Length == 0))).Take(SharedFamilyPhones).ToList();
        foreach (var family in withGuardianPhone)
        {
            var guardian = family.Guardians.First(g => g.SmsNumber.Length > 0);
            var child = Pick(family.Children.Where(c => c.SmsNumber.Length == 0).ToList());
            child.PhoneNumber = guardian.SmsNumber;
            family.SharesPhone = true;
        }

        var withTeenSiblings = Shuffle(families.Where(f => !f.SharesPhone && f.Children.Count(c => IsSecondary(c.Grade)) >= 2))
            .Take(SiblingsSharingSms).ToList();
        foreach (var family in withTeenSiblings)
        {
            var teens = family.Children.Where(c => IsSecondary(c.Grade)).Take(2).ToList();
            var shared = teens[0].SmsNumber.Length > 0 ? teens[0].SmsNumber : NextPhone();
            teens[0].SmsNumber = shared;
            teens[1].SmsNumber = shared;
            family.SharesPhone = true;
        }
    }

    private void AddStaff()
    {
        (string Role, SampleOrg[] Orgs, int Count)[] plan =
        [
            ("administrator", [district], 2),
            ("administrator", [highSchool], 1),
            ("administrator", [middleSchool], 1),
            ("teacher", [highSchool], 7),
            ("teacher", [highSchool, middleSchool], 1),
            ("teacher", [middleSchool], 6),
            ("teacher", [willowmere], 4),
            ("teacher", [larkspur], 4),
            ("teacher", [willowmere, larkspur], 1),
            ("aide", [willowmere], 1),
            ("aide", [larkspur], 1),
            ("aide", [middleSchool], 1),
        ];

        foreach (var (role, orgs, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var givenName = Pick(SampleNames.FirstNames);
                var familyName = Pick([.. SampleNames.InventedFamilyNames, .. SampleNames.InventedSpanishFamilyNames]);
                var local = $"{EmailPart(givenName)}.{EmailPart(familyName)}";
                var email = UniqueEmail(attempt => attempt == 1 ? $"{local}@{DistrictDomain}" : $"{local}{attempt}@{DistrictDomain}");
                var member = new SamplePerson
                {
                    SourcedId = $"stf-{staff.Count + 1:D4}",
                    Role = role,
                    GivenName = givenName,
                    FamilyName = familyName,
                    Identifier = NewEmployeeNumber(),
                    Username = email[..email.IndexOf('@', StringComparison.Ordinal)],
                    Email = email,
                    PhoneNumber = random.NextDouble() < 0.4 ? NextPhone() : "",
                };
                member.OrgSourcedIds.AddRange(orgs.Select(o => o.SourcedId));
                staff.Add(member);
            }
        }
    }

    /// <summary>
    /// The three rows the importer must reject or repair, last in <c>users.csv</c> and named for what is wrong with
    /// them, so that its error report can be seen on a real file.
    /// </summary>
    private IEnumerable<SamplePerson> BadRows()
    {
        var missingId = NewStudentNumber();
        var emptySourcedId = new SamplePerson
        {
            SourcedId = "",
            Role = "student",
            GivenName = "Bad Row 1 of 3",
            FamilyName = "Empty SourcedId (sample error)",
            Identifier = missingId,
            Username = $"s{missingId}",
            Email = $"s{missingId}@{StudentDomain}",
            Grade = "07",
        };
        emptySourcedId.OrgSourcedIds.Add(middleSchool.SourcedId);

        var unknownRole = new SamplePerson
        {
            SourcedId = "stf-bad-role",
            Role = "janitor",
            GivenName = "Bad Row 2 of 3",
            FamilyName = "Unknown Role Janitor (sample error)",
            Identifier = "E00000",
            Username = "bad.row.janitor",
            Email = $"bad.row.janitor@{DistrictDomain}",
        };
        unknownRole.OrgSourcedIds.Add(highSchool.SourcedId);

        var badSmsId = NewStudentNumber();
        var badSms = new SamplePerson
        {
            SourcedId = "stu-bad-sms",
            Role = "student",
            GivenName = "Bad Row 3 of 3",
            FamilyName = "Unparseable Sms (sample error)",
            Identifier = badSmsId,
            Username = $"s{badSmsId}",
            Email = $"s{badSmsId}@{StudentDomain}",
            Grade = "10",
            Sms = "not-a-phone",
        };
        badSms.OrgSourcedIds.Add(highSchool.SourcedId);

        return [emptySourcedId, unknownRole, badSms];
    }

    /// <summary>
    /// One Chromebook on loan to every student, spares at each school, and the Chromebooks that were swapped out this
    /// term (in repair, lost) or retired in June. Students who kept their school have last year's loan on record.
    /// </summary>
    private void AddChromebooks()
    {
        var students = families.SelectMany(f => f.Children).OrderBy(s => s.SourcedId, StringComparer.Ordinal).ToList();
        var swapped = Shuffle(students).Take(10).ToList();
        var inRepair = swapped.Take(8).ToHashSet();
        var lost = swapped.Skip(8).ToHashSet();

        foreach (var student in students)
        {
            var school = student.OrgSourcedIds[0];
            var current = NewDevice(ChromebookModel(school), "chromebook", "loaned", school);
            var checkedOut = SchoolStart();
            if (inRepair.Contains(student))
            {
                var broken = NewDevice(ChromebookModel(school), "chromebook", "in repair", school);
                var returned = new DateOnly(2026, 9, 8).AddDays(random.Next(0, 23));
                loans.Add(new SampleLoan(broken, student.SourcedId, checkedOut, SchoolYearDue, returned, Pick(RepairConditions)));
                broken.Notes = $"at repair depot since {Iso(returned)}";
                checkedOut = returned;
            }
            else if (lost.Contains(student))
            {
                var missing = NewDevice(ChromebookModel(school), "chromebook", "lost", school);
                var reported = new DateOnly(2026, 9, 8).AddDays(random.Next(0, 23));
                missing.Notes = $"reported lost {Iso(reported)}; student issued a replacement";
                checkedOut = reported;
            }

            loans.Add(new SampleLoan(current, student.SourcedId, checkedOut, SchoolYearDue, null, ""));

            var keptSchool = student.Grade is not ("KG" or "06" or "09");
            if (keptSchool && !inRepair.Contains(student) && !lost.Contains(student) && random.NextDouble() < 0.3)
            {
                AddLastYearLoan(current, student.SourcedId);
            }
        }

        foreach (var school in Schools)
        {
            var spares = random.Next(3, 6);
            for (var i = 0; i < spares; i++)
            {
                NewDevice(ChromebookModel(school.SourcedId), "chromebook", "in service", school.SourcedId).Notes = "spare";
            }
        }

        var withoutLastYearLoan = students.Where(s => s.Grade is not ("KG" or "06" or "09") && !loans.Any(l => l.Returned == LastYearDue && l.PersonSourcedId == s.SourcedId));
        var formerUsers = Shuffle(withoutLastYearLoan).Take(2).ToList();
        foreach (var former in formerUsers)
        {
            var school = former.OrgSourcedIds[0];
            var retired = NewDevice(ChromebookModel(school), "chromebook", "retired", school);
            retired.Notes = "retired 2026-06-19: battery swelling";
            AddLastYearLoan(retired, former.SourcedId, "battery will not hold charge");
        }
    }

    /// <summary>Hotspots for one student in some families (who then has a Chromebook and a hotspot), plus spares.</summary>
    private void AddHotspots()
    {
        var holders = Shuffle(families)
            .Take(StudentHotspots)
            .Select(f => f.Children.MaxBy(c => Array.IndexOf(AllGrades, c.Grade))!)
            .OrderBy(s => s.SourcedId, StringComparer.Ordinal)
            .ToList();
        foreach (var student in holders)
        {
            var hotspot = NewDevice(HotspotModel(), "hotspot", "loaned", student.OrgSourcedIds[0]);
            loans.Add(new SampleLoan(hotspot, student.SourcedId, SchoolStart(), SchoolYearDue, null, ""));
            if (student.Grade != "KG" && random.NextDouble() < 0.25)
            {
                AddLastYearLoan(hotspot, student.SourcedId, random.NextDouble() < 0.2 ? Pick(HotspotConditions) : "");
            }
        }

        foreach (var school in Schools)
        {
            NewDevice(HotspotModel(), "hotspot", "in service", school.SourcedId).Notes = "spare";
        }

        NewDevice(HotspotModel(), "hotspot", "in repair", highSchool.SourcedId).Notes = "does not power on; with carrier for replacement";
        NewDevice(HotspotModel(), "hotspot", "lost", middleSchool.SourcedId).Notes = "reported lost 2026-10-27; line suspended";
    }

    /// <summary>A Windows laptop on loan to every member of staff, two spares at the district office, one in repair, one retired.</summary>
    private void AddWindowsLaptops()
    {
        foreach (var member in staff)
        {
            var model = member.Role == "administrator" ? "HP ProBook 440 G10" : "Dell Latitude 3440";
            var laptop = NewDevice(model, "windows", "loaned", member.OrgSourcedIds[0]);
            loans.Add(new SampleLoan(laptop, member.SourcedId, new DateOnly(2026, 8, 10).AddDays(random.Next(0, 5)), SchoolYearDue, null, ""));
        }

        NewDevice("Dell Latitude 3440", "windows", "in service", district.SourcedId).Notes = "spare";
        NewDevice("Dell Latitude 3440", "windows", "in service", district.SourcedId).Notes = "spare";
        NewDevice("Dell Latitude 3440", "windows", "in repair", highSchool.SourcedId).Notes = "keyboard replacement ordered";
        var retired = NewDevice("Dell Latitude 3440", "windows", "retired", middleSchool.SourcedId);
        retired.Notes = "retired 2026-06-19: liquid damage";
        var teacher = staff.First(s => s.Role == "teacher" && s.OrgSourcedIds[0] == middleSchool.SourcedId);
        AddLastYearLoan(retired, teacher.SourcedId, "keyboard spill");
    }

    /// <summary>A few classroom iPads, so that the importer sees the <c>other</c> kind.</summary>
    private void AddOtherDevices()
    {
        foreach (var school in new[] { willowmere, larkspur, willowmere, larkspur })
        {
            NewDevice("Apple iPad (9th generation)", "other", "in service", school.SourcedId).Notes = "kindergarten classroom cart";
        }
    }

    private void AddLastYearLoan(SampleDevice device, string personSourcedId, string? condition = null)
    {
        var checkedOut = new DateOnly(2025, 8, 18).AddDays(random.Next(0, 26));
        condition ??= random.NextDouble() < 0.2 ? Pick(PreviousYearConditions) : "";
        loans.Add(new SampleLoan(device, personSourcedId, checkedOut, LastYearDue, LastYearDue, condition));
    }

    /// <summary>Asset tags are numbered in a shuffled order, as a district that tags devices as they arrive would have them.</summary>
    private void AssignAssetTags()
    {
        foreach (var (kind, prefix, first) in new[] { ("chromebook", "C", 10001), ("windows", "W", 20001), ("hotspot", "H", 30001), ("other", "O", 40001) })
        {
            var number = first;
            foreach (var device in Shuffle(devices.Where(d => d.Kind == kind)))
            {
                device.AssetTag = $"MV-{prefix}-{number++}";
            }
        }
    }

    private SampleDevice NewDevice(string model, string kind, string status, string schoolSourcedId)
    {
        var device = new SampleDevice
        {
            SerialNumber = NewSerial(model),
            Model = model,
            Kind = kind,
            Status = status,
            SchoolSourcedId = schoolSourcedId,
        };
        devices.Add(device);
        return device;
    }

    private string ChromebookModel(string schoolSourcedId) =>
        schoolSourcedId == willowmere.SourcedId ? "Lenovo 100e Chromebook Gen 4"
        : schoolSourcedId == larkspur.SourcedId ? "HP Chromebook 11 G9 EE"
        : "Dell Chromebook 3110";

    private string HotspotModel() => random.NextDouble() < 0.6 ? "Kajeet SmartSpot 2" : "Franklin T10 Hotspot";

    private string NewSerial(string model)
    {
        while (true)
        {
            var serial = model switch
            {
                "HP Chromebook 11 G9 EE" => "5CD2" + Digits(6),
                "HP ProBook 440 G10" => "5CG3" + Digits(6),
                "Lenovo 100e Chromebook Gen 4" => "PF4" + Characters(5),
                "Kajeet SmartSpot 2" => "KSS2" + Digits(8),
                "Franklin T10 Hotspot" => "T10" + Digits(9),
                "Apple iPad (9th generation)" => "DMP" + Characters(9),
                _ => Characters(7),
            };
            if (usedSerials.Add(serial))
            {
                return serial;
            }
        }
    }

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private string Characters(int count)
    {
        const string alphabet = "BCDFGHJKLMNPQRSTVWXYZ0123456789";
        return string.Concat(Enumerable.Range(0, count).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    private DateOnly SchoolStart() => new DateOnly(2026, 8, 17).AddDays(random.Next(0, 26));

    private string NewStudentNumber()
    {
        while (true)
        {
            var number = random.Next(100000, 1000000).ToString(CultureInfo.InvariantCulture);
            if (usedIdentifiers.Add(number))
            {
                return number;
            }
        }
    }

    private string NewEmployeeNumber()
    {
        while (true)
        {
            var number = "E" + random.Next(10000, 100000).ToString(CultureInfo.InvariantCulture);
            if (usedIdentifiers.Add(number))
            {
                return number;
            }
        }
    }

    private string NextPhone() =>
        phonePool.TryDequeue(out var number) ? number : throw new InvalidOperationException("The sample ran out of fictional 555-01XX numbers.");

    /// <summary>The first of <paramref name="candidate"/>'s addresses (by attempt, from 1) that nobody has yet.</summary>
    private string UniqueEmail(Func<int, string> candidate)
    {
        for (var attempt = 1; ; attempt++)
        {
            var email = candidate(attempt);
            if (usedEmails.Add(email))
            {
                return email;
            }
        }
    }

    private string DistinctFirstName(List<string> taken)
    {
        var name = Pick(SampleNames.FirstNames.Except(taken, StringComparer.Ordinal).ToList());
        taken.Add(name);
        return name;
    }

    /// <summary>The ASCII, lower-case form of a name for an address: accents dropped, apostrophes and spaces removed.</summary>
    private static string EmailPart(string name)
    {
        var part = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var plain = c switch
            {
                'á' or 'Á' => 'a',
                'é' or 'É' => 'e',
                'í' or 'Í' => 'i',
                'ó' or 'Ó' => 'o',
                'ú' or 'Ú' or 'ü' or 'Ü' => 'u',
                'ñ' or 'Ñ' => 'n',
                _ => c,
            };
            if (char.IsAsciiLetterUpper(plain))
            {
                part.Append((char)(plain + ('a' - 'A')));
            }
            else if (char.IsAsciiLetterOrDigit(plain) || plain == '-')
            {
                part.Append(plain);
            }
        }

        return part.ToString();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>Students who share guardians; <see cref="SharesPhone"/> marks the families whose numbers are ambiguous on purpose.</summary>
    private sealed class Family
    {
        public List<SamplePerson> Guardians { get; } = [];
        public List<SamplePerson> Children { get; } = [];
        public bool SharesPhone { get; set; }
    }
}
