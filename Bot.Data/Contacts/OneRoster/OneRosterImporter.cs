using System.Data.Common;
using System.Globalization;
using System.Net.Mail;
using Bot.Data.Importing;
using Dapper;

namespace Bot.Data.Contacts.OneRoster;

/// <summary>
/// Imports people and schools from a OneRoster 1.1 CSV export (a folder or a zip): <c>orgs.csv</c> becomes schools,
/// <c>users.csv</c> people with their phone numbers (E.164), emails, schools and caregiver–student links (from
/// <c>agentSourcedIds</c>, read both ways). Columns are matched by name. Importing the same export again changes
/// nothing; in a bulk file, someone no longer listed is deactivated (never deleted: their tickets and loans stay); in a
/// delta file, <c>status=tobedeleted</c> deactivates, and a row older than what is stored (<c>dateLastModified</c>) is
/// ignored. A row that cannot be imported is reported with its file and line and skipped; a bad value in a good row is
/// reported and left out. One transaction: an import lands whole or not at all.
/// </summary>
public sealed class OneRosterImporter(Database database, PhoneNumberNormalizer phones, TimeProvider time)
{
    private const string OrgsFile = "orgs.csv";
    private const string UsersFile = "users.csv";

    public async Task<ImportReport> ImportAsync(ImportSource source, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var report = new ImportReport();
        using var manifestReader = source.OpenText(OneRosterManifest.FileName)
            ?? throw new InvalidDataException($"The export has no {OneRosterManifest.FileName}: it is not a OneRoster CSV export.");
        using var manifestRows = new CsvRows(manifestReader, OneRosterManifest.FileName, report);
        var manifest = OneRosterManifest.Read(manifestRows);
        foreach (var declared in manifest.DeclaredFiles.Where(file => !source.Exists(file)))
        {
            report.MissingFile(declared, $"the manifest declares {declared} but the export does not hold it");
        }

        var orgs = Read(source, manifest, "orgs", OrgsFile, report, ReadOrg);
        var users = Read(source, manifest, "users", UsersFile, report, ReadUser);
        await database.InTransactionAsync(
            async (transaction, token) =>
            {
                var writer = new Writer(transaction, report, time.GetUtcNow(), token);
                await writer.LoadAsync();
                if (orgs is not null)
                {
                    await writer.WriteSchoolsAsync(orgs.Value.Rows, orgs.Value.Mode);
                }

                if (users is not null)
                {
                    await writer.WritePeopleAsync(users.Value.Rows, users.Value.Mode, progress);
                }

                return true;
            },
            cancellationToken);
        return report;
    }

    /// <summary>The rows of a file the manifest declares and the export holds.</summary>
    private static (List<T> Rows, FileMode Mode)? Read<T>(
        ImportSource source, OneRosterManifest manifest, string name, string file, ImportReport report, Func<CsvRow, ImportReport, T?> parse)
        where T : class
    {
        var mode = manifest.ModeOf(name);
        if (mode == FileMode.Absent)
        {
            return null;
        }

        using var reader = source.OpenText(file);
        if (reader is null)
        {
            return null;
        }

        using var rows = new CsvRows(reader, file, report);
        return ([.. rows.Read().Select(row => parse(row, report)).OfType<T>()], mode);
    }

    private static OrgRecord? ReadOrg(CsvRow row, ImportReport report)
    {
        var sourcedId = row["sourcedId"];
        if (sourcedId.Length == 0)
        {
            report.SkipRow(OrgsFile, row.Line, "no sourcedId");
            return null;
        }

        return new OrgRecord(row.Line, sourcedId, row["status"], Modified(row, OrgsFile, report), Or(row["name"], sourcedId), Or(row["type"], "school"), Null(row["identifier"]));
    }

    private UserRecord? ReadUser(CsvRow row, ImportReport report)
    {
        var sourcedId = row["sourcedId"];
        if (sourcedId.Length == 0)
        {
            report.SkipRow(UsersFile, row.Line, "no sourcedId");
            return null;
        }

        var status = row["status"];
        var role = OneRosterRoles.Canonical(row["role"]);
        if (role is null && !IsDeletion(status))
        {
            report.SkipRow(UsersFile, row.Line, $"unknown role '{row["role"]}'");
            return null;
        }

        var addresses = new HashSet<(string Channel, string Address)>();
        foreach (var column in new[] { "sms", "phone" })
        {
            var value = row[column];
            if (value.Length == 0)
            {
                continue;
            }

            if (phones.ToE164(value) is { } number)
            {
                addresses.Add(("sms", number));
            }
            else
            {
                report.LeaveOut(UsersFile, row.Line, $"{column} '{value}' is not a valid phone number (region {phones.DefaultRegion})");
            }
        }

        var email = row["email"];
        if (email.Length > 0)
        {
            if (MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0)
            {
                addresses.Add(("email", email.ToLowerInvariant()));
                email = email.ToLowerInvariant();
            }
            else
            {
                report.LeaveOut(UsersFile, row.Line, $"email '{email}' is not a valid address");
                email = string.Empty;
            }
        }

        return new UserRecord(
            row.Line,
            sourcedId,
            status,
            Modified(row, UsersFile, report),
            role ?? OneRosterRoles.Student,
            row["givenName"],
            row["familyName"],
            Null(row["identifier"]),
            Null(row["username"]),
            Null(email),
            Null(row["grades"]),
            Language(row["metadata.preferredLanguage"]),
            addresses,
            row.List("orgSourcedIds"),
            row.List("agentSourcedIds"));
    }

    private static DateTimeOffset? Modified(CsvRow row, string file, ImportReport report)
    {
        var value = row["dateLastModified"];
        if (value.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        report.LeaveOut(file, row.Line, $"dateLastModified '{value}' is not a date");
        return null;
    }

    /// <summary>The desk's languages: Spanish or English; anything else is left to the person's first message.</summary>
    private static string? Language(string value)
    {
        var lower = value.ToLowerInvariant();
        return lower.StartsWith("es", StringComparison.Ordinal) || lower.StartsWith("spa", StringComparison.Ordinal) ? "es"
            : lower.StartsWith("en", StringComparison.Ordinal) ? "en"
            : null;
    }

    internal static bool IsDeletion(string status) => string.Equals(status, "tobedeleted", StringComparison.OrdinalIgnoreCase);

    private static string? Null(string value) => value.Length == 0 ? null : value;

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;

    internal sealed record OrgRecord(int Line, string SourcedId, string Status, DateTimeOffset? Modified, string Name, string Kind, string? Identifier);

    internal sealed record UserRecord(
        int Line,
        string SourcedId,
        string Status,
        DateTimeOffset? Modified,
        string Role,
        string GivenName,
        string FamilyName,
        string? Identifier,
        string? Username,
        string? Email,
        string? Grades,
        string? Language,
        IReadOnlySet<(string Channel, string Address)> Addresses,
        IReadOnlyList<string> OrgSourcedIds,
        IReadOnlyList<string> AgentSourcedIds);

    /// <summary>Compares an export with what is stored and writes only the differences, inside one transaction.</summary>
    private sealed class Writer(DbTransaction transaction, ImportReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, SchoolRow> schools = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PersonRow> people = new(StringComparer.Ordinal);
        private readonly Dictionary<long, HashSet<(string Channel, string Address)>> addresses = [];
        private readonly Dictionary<long, HashSet<long>> personSchools = [];
        private readonly HashSet<(long Guardian, long Student)> guardianships = [];

        private DbConnection Connection => transaction.Connection!;

        public async Task LoadAsync()
        {
            foreach (var school in await QueryAsync<SchoolRow>("SELECT id AS Id, sourced_id AS SourcedId, name AS Name, kind AS Kind, identifier AS Identifier, active AS Active FROM schools"))
            {
                schools[school.SourcedId] = school;
            }

            foreach (var person in await QueryAsync<PersonRow>("""
                SELECT id AS Id, sourced_id AS SourcedId, role AS Role, given_name AS GivenName, family_name AS FamilyName, identifier AS Identifier,
                       username AS Username, email AS Email, grades AS Grades, language AS Language, active AS Active, source_modified_at AS Modified
                FROM people
                """))
            {
                people[person.SourcedId] = person;
            }

            foreach (var row in await QueryAsync<AddressRow>("SELECT person_id AS PersonId, channel AS Channel, address AS Address FROM person_addresses"))
            {
                Set(addresses, row.PersonId).Add((row.Channel, row.Address));
            }

            foreach (var row in await QueryAsync<LinkRow>("SELECT person_id AS A, school_id AS B FROM person_schools"))
            {
                Set(personSchools, row.A).Add(row.B);
            }

            foreach (var row in await QueryAsync<LinkRow>("SELECT guardian_id AS A, student_id AS B FROM guardianships"))
            {
                guardianships.Add((row.A, row.B));
            }
        }

        public async Task WriteSchoolsAsync(List<OrgRecord> orgs, FileMode mode)
        {
            foreach (var org in orgs)
            {
                var deleted = IsDeletion(org.Status);
                if (!schools.TryGetValue(org.SourcedId, out var stored))
                {
                    if (deleted)
                    {
                        continue;
                    }

                    var id = await ScalarAsync(
                        "INSERT INTO schools (sourced_id, name, kind, identifier, active, updated_at) VALUES (@SourcedId, @Name, @Kind, @Identifier, @Active, @Now) RETURNING id",
                        new { org.SourcedId, org.Name, org.Kind, org.Identifier, Active = true, Now = now });
                    schools[org.SourcedId] = new SchoolRow { Id = id, SourcedId = org.SourcedId, Name = org.Name, Kind = org.Kind, Identifier = org.Identifier, Active = true };
                    continue;
                }

                var wanted = stored with { Name = org.Name, Kind = org.Kind, Identifier = org.Identifier, Active = !deleted };
                if (wanted != stored)
                {
                    await ExecuteAsync(
                        "UPDATE schools SET name = @Name, kind = @Kind, identifier = @Identifier, active = @Active, updated_at = @Now WHERE id = @Id",
                        new { wanted.Id, wanted.Name, wanted.Kind, wanted.Identifier, wanted.Active, Now = now });
                    schools[org.SourcedId] = wanted;
                }
            }

            if (mode == FileMode.Bulk)
            {
                var listed = orgs.Select(org => org.SourcedId).ToHashSet(StringComparer.Ordinal);
                foreach (var school in schools.Values.Where(school => school.Active && !listed.Contains(school.SourcedId)).ToList())
                {
                    await ExecuteAsync("UPDATE schools SET active = @Active, updated_at = @Now WHERE id = @Id", new { school.Id, Active = false, Now = now });
                    schools[school.SourcedId] = school with { Active = false };
                }
            }
        }

        public async Task WritePeopleAsync(List<UserRecord> users, FileMode mode, IProgress<ImportProgress>? progress)
        {
            var current = new List<(UserRecord User, long Id)>(users.Count);
            for (var i = 0; i < users.Count; i++)
            {
                var user = users[i];
                var outcome = await WritePersonAsync(user);
                if (outcome is { } id)
                {
                    current.Add((user, id));
                }

                if (i % 100 == 99 || i == users.Count - 1)
                {
                    progress?.Report(new ImportProgress(UsersFile, i + 1, users.Count));
                }
            }

            await WriteGuardianshipsAsync(current);
            if (mode == FileMode.Bulk)
            {
                var listed = users.Select(user => user.SourcedId).ToHashSet(StringComparer.Ordinal);
                foreach (var person in people.Values.Where(person => person.Active && !listed.Contains(person.SourcedId)).ToList())
                {
                    await DeactivateAsync(person);
                }
            }
        }

        /// <summary>Writes one person; their id when they are current (not deleted, not a stale row).</summary>
        private async Task<long?> WritePersonAsync(UserRecord user)
        {
            people.TryGetValue(user.SourcedId, out var stored);
            if (stored is { Modified: { } storedAt } && user.Modified is { } rowAt && rowAt < storedAt)
            {
                report.SkipRow(UsersFile, user.Line, $"older than what is stored (dateLastModified {rowAt:yyyy-MM-dd'T'HH:mm:ss'Z'})");
                return null;
            }

            if (IsDeletion(user.Status))
            {
                if (stored is { Active: true })
                {
                    await DeactivateAsync(stored);
                }

                return null;
            }

            if (user.GivenName.Length == 0 && user.FamilyName.Length == 0)
            {
                report.SkipRow(UsersFile, user.Line, "no givenName or familyName");
                return null;
            }

            var wanted = new PersonRow
            {
                Id = stored?.Id ?? 0,
                SourcedId = user.SourcedId,
                Role = user.Role,
                GivenName = user.GivenName,
                FamilyName = user.FamilyName,
                Identifier = user.Identifier,
                Username = user.Username,
                Email = user.Email,
                Grades = user.Grades,
                Language = user.Language,
                Active = true,
                Modified = user.Modified ?? stored?.Modified,
            };
            var changed = false;
            long id;
            if (stored is null)
            {
                id = await ScalarAsync(
                    """
                    INSERT INTO people (sourced_id, role, given_name, family_name, identifier, username, email, grades, language, active, source_modified_at, updated_at)
                    VALUES (@SourcedId, @Role, @GivenName, @FamilyName, @Identifier, @Username, @Email, @Grades, @Language, @Active, @Modified, @Now)
                    RETURNING id
                    """,
                    Args(wanted));
                wanted = wanted with { Id = id };
                report.Added++;
            }
            else
            {
                id = stored.Id;
                if (wanted != stored)
                {
                    await ExecuteAsync(
                        """
                        UPDATE people SET role = @Role, given_name = @GivenName, family_name = @FamilyName, identifier = @Identifier, username = @Username,
                            email = @Email, grades = @Grades, language = @Language, active = @Active, source_modified_at = @Modified, updated_at = @Now
                        WHERE id = @Id
                        """,
                        Args(wanted));
                    changed = true;
                }
            }

            people[user.SourcedId] = wanted;
            changed |= await ReplaceAddressesAsync(id, user.Addresses);
            changed |= await ReplaceSchoolsAsync(id, user);
            if (stored is not null)
            {
                if (changed)
                {
                    report.Updated++;
                }
                else
                {
                    report.Unchanged++;
                }
            }

            return id;
        }

        private async Task<bool> ReplaceAddressesAsync(long personId, IReadOnlySet<(string Channel, string Address)> wanted)
        {
            var have = Set(addresses, personId);
            if (have.SetEquals(wanted))
            {
                return false;
            }

            foreach (var (channel, address) in have.Except(wanted))
            {
                await ExecuteAsync("DELETE FROM person_addresses WHERE person_id = @PersonId AND channel = @Channel AND address = @Address", new { PersonId = personId, Channel = channel, Address = address });
            }

            foreach (var (channel, address) in wanted.Except(have))
            {
                await ExecuteAsync("INSERT INTO person_addresses (person_id, channel, address) VALUES (@PersonId, @Channel, @Address)", new { PersonId = personId, Channel = channel, Address = address });
            }

            addresses[personId] = [.. wanted];
            return true;
        }

        private async Task<bool> ReplaceSchoolsAsync(long personId, UserRecord user)
        {
            var wanted = new HashSet<long>();
            foreach (var org in user.OrgSourcedIds)
            {
                if (schools.TryGetValue(org, out var school))
                {
                    wanted.Add(school.Id);
                }
                else
                {
                    report.LeaveOut(UsersFile, user.Line, $"orgSourcedIds names '{org}', which is not a known school");
                }
            }

            var have = Set(personSchools, personId);
            if (have.SetEquals(wanted))
            {
                return false;
            }

            foreach (var school in have.Except(wanted))
            {
                await ExecuteAsync("DELETE FROM person_schools WHERE person_id = @PersonId AND school_id = @SchoolId", new { PersonId = personId, SchoolId = school });
            }

            foreach (var school in wanted.Except(have))
            {
                await ExecuteAsync("INSERT INTO person_schools (person_id, school_id) VALUES (@PersonId, @SchoolId)", new { PersonId = personId, SchoolId = school });
            }

            personSchools[personId] = wanted;
            return true;
        }

        /// <summary>
        /// Caregiver–student links from both sides' agentSourcedIds. The links of everyone in the file become exactly
        /// what the file says; a name that matches nobody is reported and left out.
        /// </summary>
        private async Task WriteGuardianshipsAsync(List<(UserRecord User, long Id)> current)
        {
            var inFile = current.Select(entry => entry.Id).ToHashSet();
            var wanted = new HashSet<(long Guardian, long Student)>();
            foreach (var (user, id) in current)
            {
                foreach (var agentId in user.AgentSourcedIds)
                {
                    if (!people.TryGetValue(agentId, out var agent) || !agent.Active)
                    {
                        report.LeaveOut(UsersFile, user.Line, $"agentSourcedIds names '{agentId}', who is not a known person");
                        continue;
                    }

                    if (user.Role == OneRosterRoles.Student && OneRosterRoles.IsCaregiver(agent.Role))
                    {
                        wanted.Add((agent.Id, id));
                    }
                    else if (OneRosterRoles.IsCaregiver(user.Role) && agent.Role == OneRosterRoles.Student)
                    {
                        wanted.Add((id, agent.Id));
                    }
                }
            }

            foreach (var link in guardianships.Where(link => (inFile.Contains(link.Guardian) || inFile.Contains(link.Student)) && !wanted.Contains(link)).ToList())
            {
                await ExecuteAsync("DELETE FROM guardianships WHERE guardian_id = @Guardian AND student_id = @Student", new { link.Guardian, link.Student });
                guardianships.Remove(link);
            }

            foreach (var link in wanted.Where(link => !guardianships.Contains(link)))
            {
                await ExecuteAsync("INSERT INTO guardianships (guardian_id, student_id) VALUES (@Guardian, @Student)", new { link.Guardian, link.Student });
                guardianships.Add(link);
            }
        }

        private async Task DeactivateAsync(PersonRow person)
        {
            await ExecuteAsync("UPDATE people SET active = @Active, updated_at = @Now WHERE id = @Id", new { person.Id, Active = false, Now = now });
            people[person.SourcedId] = person with { Active = false };
            report.Deactivated++;
        }

        private object Args(PersonRow person) => new
        {
            person.Id,
            person.SourcedId,
            person.Role,
            person.GivenName,
            person.FamilyName,
            person.Identifier,
            person.Username,
            person.Email,
            person.Grades,
            person.Language,
            person.Active,
            person.Modified,
            Now = now,
        };

        private async Task<IEnumerable<T>> QueryAsync<T>(string sql) =>
            await Connection.QueryAsync<T>(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));

        private Task<long> ScalarAsync(string sql, object args) =>
            Connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));

        private Task<int> ExecuteAsync(string sql, object args) =>
            Connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));

        private static HashSet<TValue> Set<TKey, TValue>(Dictionary<TKey, HashSet<TValue>> sets, TKey key)
            where TKey : notnull
        {
            if (!sets.TryGetValue(key, out var set))
            {
                set = [];
                sets[key] = set;
            }

            return set;
        }
    }

    private sealed record SchoolRow
    {
        public long Id { get; init; }

        public required string SourcedId { get; init; }

        public required string Name { get; init; }

        public required string Kind { get; init; }

        public string? Identifier { get; init; }

        public bool Active { get; init; }
    }

    private sealed record PersonRow
    {
        public long Id { get; init; }

        public required string SourcedId { get; init; }

        public required string Role { get; init; }

        public required string GivenName { get; init; }

        public required string FamilyName { get; init; }

        public string? Identifier { get; init; }

        public string? Username { get; init; }

        public string? Email { get; init; }

        public string? Grades { get; init; }

        public string? Language { get; init; }

        public bool Active { get; init; }

        public DateTimeOffset? Modified { get; init; }
    }

    private sealed record AddressRow(long PersonId, string Channel, string Address);

    private sealed record LinkRow(long A, long B);
}
