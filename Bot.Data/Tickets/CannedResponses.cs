using System.Text.RegularExpressions;
using Dapper;

namespace Bot.Data.Tickets;

/// <summary>
/// Prewritten replies: admins write them (per language), technicians insert them into a reply, where
/// <c>{first_name}</c>, <c>{ticket}</c> and <c>{due}</c> become the person's first name, the ticket number and its
/// due time. A placeholder the desk does not know stays as written, so a typo shows before it is sent.
/// </summary>
public sealed partial class CannedResponses(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<CannedResponse>> ListAsync(string? language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CannedResponse>(new CommandDefinition(
            "SELECT id AS Id, title AS Title, language AS Language, body AS Body FROM canned_responses WHERE @Language IS NULL OR language = @Language ORDER BY title, language",
            new { Language = language },
            cancellationToken: cancellationToken))).AsList();
    }

    public async Task<CannedResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CannedResponse>(new CommandDefinition(
            "SELECT id AS Id, title AS Title, language AS Language, body AS Body FROM canned_responses WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds a response, or replaces the one with the same title and language.</summary>
    public Task SaveAsync(string title, string language, string body, string author, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO canned_responses (title, language, body, updated_by, updated_at) VALUES (@Title, @Language, @Body, @Author, @At)
                ON CONFLICT (title, language) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """,
                new { Title = title.Trim(), Language = language, Body = body.Trim(), Author = author, At = time.GetUtcNow() },
                transaction,
                cancellationToken: token)),
            cancellationToken);

    public Task DeleteAsync(long id, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition("DELETE FROM canned_responses WHERE id = @Id", new { Id = id }, transaction, cancellationToken: token)),
            cancellationToken);

    /// <summary>The body with its placeholders filled in.</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}

public sealed record CannedResponse
{
    public long Id { get; init; }

    public required string Title { get; init; }

    public required string Language { get; init; }

    public required string Body { get; init; }
}
