using Dapper;

namespace Bot.Data.Tickets;

/// <summary>The technicians' queue: tickets not yet resolved, the most urgent target first, with who they are about.</summary>
public sealed class OpenTickets(Database database)
{
    private const string QueueSql = """
        SELECT t.id AS Id, t.number AS Number, t.status AS Status, t.topic AS Topic, t.category AS Category, t.channel AS Channel,
               t.summary AS Summary, t.assignee AS Assignee, t.created_at AS CreatedAt, t.first_response_due_at AS FirstResponseDueAt,
               t.first_response_at AS FirstResponseAt, t.resolution_due_at AS ResolutionDueAt,
               p.given_name AS GivenName, p.family_name AS FamilyName,
               (SELECT MIN(s.name) FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = t.person_id) AS School
        FROM tickets t LEFT JOIN people p ON p.id = t.person_id
        WHERE t.status IN ('new', 'open', 'pending')
          AND (@Status IS NULL OR t.status = @Status)
          AND (@Channel IS NULL OR t.channel = @Channel)
          AND (@Category IS NULL OR t.category = @Category)
          AND (@SchoolId IS NULL OR EXISTS (SELECT 1 FROM person_schools ps WHERE ps.person_id = t.person_id AND ps.school_id = @SchoolId))
          AND (@Assignee IS NULL OR t.assignee = @Assignee)
          AND (@Unassigned = @False OR t.assignee IS NULL)
          AND (@Search IS NULL OR t.number = @SearchUpper OR LOWER(t.summary) LIKE @SearchLike
               OR LOWER(p.given_name || ' ' || p.family_name) LIKE @SearchLike)
        ORDER BY CASE WHEN t.first_response_at IS NULL THEN t.first_response_due_at ELSE t.resolution_due_at END, t.id
        LIMIT @Limit
        """;

    public async Task<IReadOnlyList<QueueEntry>> ListAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<QueueEntry>(new CommandDefinition(
            QueueSql,
            new
            {
                filter.Status,
                filter.Channel,
                filter.Category,
                filter.SchoolId,
                filter.Assignee,
                filter.Unassigned,
                False = false,
                Search = search,
                SearchUpper = search?.ToUpperInvariant(),
                SearchLike = search is null ? null : $"%{search.ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%",
                filter.Limit,
            },
            cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record QueueFilter
{
    public string? Status { get; init; }

    public string? Channel { get; init; }

    public string? Category { get; init; }

    /// <summary>A school's id: tickets about a person enrolled or working there.</summary>
    public long? SchoolId { get; init; }

    /// <summary>Only this technician's tickets (their email).</summary>
    public string? Assignee { get; init; }

    public bool Unassigned { get; init; }

    /// <summary>A ticket number, words of the summary, or the person's name.</summary>
    public string? Search { get; init; }

    public int Limit { get; init; } = 200;
}

public sealed record QueueEntry
{
    public long Id { get; init; }

    public required string Number { get; init; }

    public required string Status { get; init; }

    public required string Topic { get; init; }

    public required string Category { get; init; }

    public required string Channel { get; init; }

    public required string Summary { get; init; }

    public string? Assignee { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset FirstResponseDueAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset ResolutionDueAt { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? School { get; init; }

    /// <summary>The target the ticket is running against now: the first response until there is one, then resolution.</summary>
    public DateTimeOffset DueAt => FirstResponseAt is null ? FirstResponseDueAt : ResolutionDueAt;
}
