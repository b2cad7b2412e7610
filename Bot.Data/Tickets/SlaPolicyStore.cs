using Dapper;

namespace Bot.Data.Tickets;

/// <summary>The agreed targets per topic and priority (<c>sla_policies</c>), seeded from kb-topics.md.</summary>
public sealed class SlaPolicyStore(Database database)
{
    /// <summary>The policy used for a topic the table does not name.</summary>
    public const string FallbackTopic = "other";

    private const string SelectSql = """
        SELECT topic AS Topic, category AS Category, priority AS Priority,
               first_response_target AS FirstResponseTarget, resolution_target AS ResolutionTarget
        FROM sla_policies
        WHERE priority = @Priority AND topic IN (@Topic, @Fallback)
        """;

    public async Task<SlaPolicy> GetAsync(string topic, string priority, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SlaPolicyRow>(new CommandDefinition(
            SelectSql, new { Topic = topic, Priority = priority, Fallback = FallbackTopic }, cancellationToken: cancellationToken))).AsList();
        var row = rows.Find(r => r.Topic == topic) ?? rows.Find(r => r.Topic == FallbackTopic)
            ?? throw new InvalidOperationException($"sla_policies has no row for topic '{topic}' or '{FallbackTopic}' at priority '{priority}'.");
        return new SlaPolicy(row.Topic, row.Category, SlaTarget.Parse(row.FirstResponseTarget), SlaTarget.Parse(row.ResolutionTarget));
    }

    private sealed record SlaPolicyRow
    {
        public required string Topic { get; init; }

        public required string Category { get; init; }

        public required string Priority { get; init; }

        public required string FirstResponseTarget { get; init; }

        public required string ResolutionTarget { get; init; }
    }
}

public sealed record SlaPolicy(string Topic, string Category, SlaTarget FirstResponse, SlaTarget Resolution);
