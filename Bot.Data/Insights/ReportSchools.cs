using Dapper;

namespace Bot.Data.Insights;

/// <summary>The schools the reports and the queue can be narrowed to, by name.</summary>
public sealed class ReportSchools(Database database)
{
    private const string ListSql = "SELECT id AS Id, name AS Name FROM schools ORDER BY name, id";

    public async Task<IReadOnlyList<SchoolChoice>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SchoolChoice>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).AsList();
    }
}

public sealed record SchoolChoice
{
    public long Id { get; init; }

    public string Name { get; init; } = "";
}
