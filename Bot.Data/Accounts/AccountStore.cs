using Dapper;

namespace Bot.Data.Accounts;

/// <summary>
/// Console accounts: who may sign in, with which role, and the lockout that stops password guessing. Passwords are
/// hashed before they get here.
/// </summary>
public sealed class AccountStore(Database database, TimeProvider time)
{
    private const string SelectAccount = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
               failed_attempts AS FailedAttempts, locked_until AS LockedUntil, active AS Active
        FROM accounts
        """;

    public async Task<Account> CreateAsync(string email, string displayName, string role, string? passwordHash, CancellationToken cancellationToken)
    {
        if (!AccountRoles.All.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "An account is a technician or an admin.");
        }

        var normalized = Normalize(email);
        var id = await database.InTransactionAsync(
            async (transaction, token) =>
            {
                if (await transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM accounts WHERE email = @Email", new { Email = normalized }, transaction, cancellationToken: token)) is not null)
                {
                    throw new InvalidOperationException($"An account for {normalized} already exists.");
                }

                return await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO accounts (email, display_name, role, password_hash, active, created_at)
                    VALUES (@Email, @DisplayName, @Role, @PasswordHash, @Active, @At)
                    RETURNING id
                    """,
                    new { Email = normalized, DisplayName = displayName, Role = role, PasswordHash = passwordHash, Active = true, At = time.GetUtcNow() },
                    transaction,
                    cancellationToken: token));
            },
            cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        (await QueryAsync(SelectAccount + "\nWHERE email = @Email", new { Email = Normalize(email) }, cancellationToken)).SingleOrDefault();

    public async Task<Account?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync(SelectAccount + "\nWHERE id = @Id", new { Id = id }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync(SelectAccount + "\nORDER BY role, email", new { }, cancellationToken);

    /// <summary>The accounts that can sign in, by name: who a ticket can be given to.</summary>
    public Task<IReadOnlyList<Account>> ActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync(SelectAccount + "\nWHERE active = @Active ORDER BY display_name, email", new { Active = true }, cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) => await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM accounts", transaction: transaction, cancellationToken: token)) > 0,
            cancellationToken);

    /// <summary>A wrong password: after <paramref name="maxAttempts"/> in a row the account is locked for <paramref name="lockout"/>.</summary>
    public Task RecordFailedSignInAsync(long id, int maxAttempts, TimeSpan lockout, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
                """
                UPDATE accounts SET failed_attempts = failed_attempts + 1,
                    locked_until = CASE WHEN failed_attempts + 1 >= @Max THEN @Until ELSE locked_until END
                WHERE id = @Id
                """,
                new { Id = id, Max = maxAttempts, Until = time.GetUtcNow() + lockout },
                transaction,
                cancellationToken: token)),
            cancellationToken);

    public Task RecordSignInAsync(long id, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @At WHERE id = @Id",
                new { Id = id, At = time.GetUtcNow() },
                transaction,
                cancellationToken: token)),
            cancellationToken);

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private async Task<IReadOnlyList<Account>> QueryAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Account>(new CommandDefinition(sql, args, cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record Account
{
    public long Id { get; init; }

    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    public required string Role { get; init; }

    public string? PasswordHash { get; init; }

    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public bool Active { get; init; }
}

public static class AccountRoles
{
    public const string Technician = "technician";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Technician, Admin];
}
