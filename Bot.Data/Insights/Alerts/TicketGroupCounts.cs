using Dapper;

namespace Bot.Data.Insights.Alerts;

/// <summary>
/// The detector's query: tickets per (topic, group) in the recent window and in the baseline before it, in one pass
/// over the tickets created in both (the <c>ix_tickets_created_groups</c> index covers it).
/// </summary>
public sealed class TicketGroupCounts(Database database)
{
    public static string Sql(AlertDimension dimension) => $"""
        SELECT t.topic AS Topic, {dimension.Value} AS Value, MIN({dimension.Label}) AS Label,
               SUM(CASE WHEN t.created_at >= @Start THEN 1 ELSE 0 END) AS Recent,
               SUM(CASE WHEN t.created_at < @Start THEN 1 ELSE 0 END) AS Baseline
        FROM tickets t {dimension.Joins}
        WHERE t.created_at >= @BaselineStart AND t.created_at < @End {dimension.Filter}
        GROUP BY t.topic, {dimension.Value}
        """;

    public async Task<IReadOnlyList<GroupCount>> CountAsync(AlertDimension dimension, AlertWindow window, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<GroupCount>(new CommandDefinition(
            Sql(dimension),
            new { window.BaselineStart, window.Start, window.End },
            cancellationToken: cancellationToken))).AsList();
    }
}
