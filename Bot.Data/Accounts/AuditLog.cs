using Dapper;

namespace Bot.Data.Accounts;

/// <summary>Who looked at or changed what in the console: a student's record is never opened unaccounted for.</summary>
public sealed class AuditLog(Database database, TimeProvider time)
{
    public Task RecordAsync(long? accountId, string action, string subject, string? detail, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_log (at, account_id, action, subject, detail) VALUES (@At, @AccountId, @Action, @Subject, @Detail)",
                new { At = time.GetUtcNow(), AccountId = accountId, Action = action, Subject = subject, Detail = detail },
                transaction,
                cancellationToken: token)),
            cancellationToken);

    /// <summary>The entries about a subject (a device's asset tag, a ticket's number), the latest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            """
            SELECT l.at AS At, a.email AS Account, l.action AS Action, l.subject AS Subject, l.detail AS Detail
            FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
            WHERE l.subject = @Subject ORDER BY l.id DESC
            """,
            new { Subject = subject },
            cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record AuditEntry
{
    public DateTimeOffset At { get; init; }

    public string? Account { get; init; }

    public required string Action { get; init; }

    public required string Subject { get; init; }

    public string? Detail { get; init; }
}
