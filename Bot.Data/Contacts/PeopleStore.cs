using Dapper;

namespace Bot.Data.Contacts;

/// <summary>The people the desk knows (imported from the Student Information System) and how to recognise them.</summary>
public sealed class PeopleStore(Database database)
{
    private const string SelectPeople = """
        SELECT p.id AS Id, p.sourced_id AS SourcedId, p.role AS Role, p.given_name AS GivenName, p.family_name AS FamilyName,
               p.identifier AS Identifier, p.email AS Email, p.grades AS Grades, p.language AS Language, p.active AS Active
        FROM people p
        """;

    private const string ByAddressSql = SelectPeople + """

        JOIN person_addresses a ON a.person_id = p.id
        WHERE a.channel = @Channel AND a.address = @Address AND p.active = @Active
        ORDER BY p.id
        """;

    private const string BySourcedIdSql = SelectPeople + "\nWHERE p.sourced_id = @SourcedId";

    private const string ByIdSql = SelectPeople + "\nWHERE p.id = @Id";

    private const string ByKeySql = SelectPeople + "\nWHERE p.sourced_id = @Key OR p.identifier = @Key OR p.email = @Email ORDER BY p.active DESC, p.id";

    private const string SearchSql = SelectPeople + """

        WHERE p.active = @Active
          AND (p.identifier = @Key OR p.email = @Email OR LOWER(p.given_name || ' ' || p.family_name) LIKE @Like
               OR LOWER(p.family_name || ' ' || p.given_name) LIKE @Like)
        ORDER BY p.family_name, p.given_name, p.id
        LIMIT @Limit
        """;

    private const string StaffBySignInSql = SelectPeople + """

        WHERE (p.email = @SignIn OR LOWER(p.username) = @SignIn) AND p.active = @Active
          AND p.role IN ('teacher', 'administrator', 'aide')
        ORDER BY p.id
        """;

    private const string AddAddressSql = "INSERT INTO person_addresses (person_id, channel, address) VALUES (@PersonId, @Channel, @Address) ON CONFLICT DO NOTHING";

    private const string StudentsOfSql = SelectPeople + """

        JOIN guardianships g ON g.student_id = p.id
        WHERE g.guardian_id = @PersonId AND p.active = @Active
        ORDER BY p.given_name, p.id
        """;

    private const string GuardiansOfSql = SelectPeople + """

        JOIN guardianships g ON g.guardian_id = p.id
        WHERE g.student_id = @PersonId AND p.active = @Active
        ORDER BY p.id
        """;

    private const string AddressesSql = "SELECT channel AS Channel, address AS Address FROM person_addresses WHERE person_id = @PersonId ORDER BY channel, address";

    private const string SchoolsSql = """
        SELECT s.name FROM schools s JOIN person_schools ps ON ps.school_id = s.id WHERE ps.person_id = @PersonId ORDER BY s.name
        """;

    /// <summary>The active people an address belongs to: none, one, or several (a family phone).</summary>
    public Task<IReadOnlyList<Person>> ByAddressAsync(string channel, string address, CancellationToken cancellationToken) =>
        QueryAsync(ByAddressSql, new { Channel = channel, Address = address, Active = true }, cancellationToken);

    public async Task<Person?> BySourcedIdAsync(string sourcedId, CancellationToken cancellationToken) =>
        (await QueryAsync(BySourcedIdSql, new { SourcedId = sourcedId }, cancellationToken)).SingleOrDefault();

    public async Task<Person?> ByIdAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync(ByIdSql, new { Id = id }, cancellationToken)).SingleOrDefault();

    /// <summary>Someone by what a technician would type: their sourcedId, student or staff ID number, or email.</summary>
    public async Task<Person?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await QueryAsync(ByKeySql, new { Key = key.Trim(), Email = key.Trim().ToLowerInvariant() }, cancellationToken)) is [var first, ..] ? first : null;

    /// <summary>An active staff member by their work email or sign-in name (Teams knows both for its users).</summary>
    /// <summary>Active people whose name contains <paramref name="words"/>, or whose ID or email it is; by family name.</summary>
    public Task<IReadOnlyList<Person>> SearchAsync(string words, int limit, CancellationToken cancellationToken)
    {
        var key = words.Trim();
        var like = $"%{key.ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
        return QueryAsync(SearchSql, new { Active = true, Key = key, Email = key.ToLowerInvariant(), Like = like, Limit = limit }, cancellationToken);
    }

    public async Task<Person?> StaffBySignInAsync(string signIn, CancellationToken cancellationToken) =>
        (await QueryAsync(StaffBySignInSql, new { SignIn = signIn.Trim().ToLowerInvariant(), Active = true }, cancellationToken)) is [var first, ..] ? first : null;

    /// <summary>Remembers an address the person was recognised by, so that next time they are known at once.</summary>
    public Task AddAddressAsync(long personId, string channel, string address, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.ExecuteAsync(AddAddressSql, new { PersonId = personId, Channel = channel, Address = address }, token),
            cancellationToken);

    /// <summary>The active students a caregiver is responsible for, by first name.</summary>
    public Task<IReadOnlyList<Person>> StudentsOfAsync(long personId, CancellationToken cancellationToken) =>
        QueryAsync(StudentsOfSql, new { PersonId = personId, Active = true }, cancellationToken);

    public Task<IReadOnlyList<Person>> GuardiansOfAsync(long personId, CancellationToken cancellationToken) =>
        QueryAsync(GuardiansOfSql, new { PersonId = personId, Active = true }, cancellationToken);

    public async Task<IReadOnlyList<(string Channel, string Address)>> AddressesAsync(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(AddressesSql, new { PersonId = personId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<string>> SchoolsAsync(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(SchoolsSql, new { PersonId = personId }, cancellationToken: cancellationToken))).AsList();
    }

    private async Task<IReadOnlyList<Person>> QueryAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Person>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>Someone the district told the desk about.</summary>
public sealed record Person
{
    public long Id { get; init; }

    public required string SourcedId { get; init; }

    /// <summary>A OneRoster role: student, teacher, parent, guardian, relativeOf, administrator, aide.</summary>
    public required string Role { get; init; }

    public required string GivenName { get; init; }

    public required string FamilyName { get; init; }

    public string? Identifier { get; init; }

    public string? Email { get; init; }

    public string? Grades { get; init; }

    /// <summary>The language the district has on record (en, es), if any.</summary>
    public string? Language { get; init; }

    public bool Active { get; init; }

    public bool IsStudent => Role == "student";

    public bool IsCaregiver => Role is "parent" or "guardian" or "relativeOf";
}
