using System.Data.Common;
using Dapper;

namespace Bot.Data.Insights.Alerts;

/// <summary>
/// Alerts and the tickets they counted. A group has at most one open alert (a unique index, so two instances scanning
/// at once raise it once); an acknowledged one keeps its group quiet until its window has passed.
/// </summary>
public sealed class AlertStore(Database database, IEnumerable<IAlertRaisedListener> listeners)
{
    private const string Columns = """
        id AS Id, dimension AS Dimension, topic AS Topic, group_value AS GroupValue, group_label AS GroupLabel,
        window_start AS WindowStart, window_end AS WindowEnd, observed AS Observed, expected AS Expected, p_value AS PValue,
        raised_at AS RaisedAt, status AS Status, acknowledged_by AS AcknowledgedBy, acknowledged_at AS AcknowledgedAt
        """;

    private const string InsertSql = $"""
        INSERT INTO alerts (dimension, topic, group_value, group_label, window_start, window_end, observed, expected, p_value, raised_at, status)
        VALUES (@Dimension, @Topic, @GroupValue, @GroupLabel, @WindowStart, @WindowEnd, @Observed, @Expected, @PValue, @RaisedAt, 'open')
        ON CONFLICT DO NOTHING
        RETURNING {Columns}
        """;

    private const string QuietSql = """
        SELECT dimension AS Dimension, topic AS Topic, group_value AS GroupValue FROM alerts
        WHERE status = 'open' OR raised_at >= @Since
        """;

    private const string TicketsSql = """
        SELECT a.alert_id AS AlertId, t.id AS TicketId, t.number AS Number
        FROM alert_tickets a JOIN tickets t ON t.id = a.ticket_id
        WHERE a.alert_id = @AlertId
        ORDER BY t.id
        """;

    private const string ListSql = $"""
        SELECT {Columns} FROM alerts
        ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, raised_at DESC, id DESC
        LIMIT @Limit
        """;

    private const string AcknowledgeSql = """
        UPDATE alerts SET status = 'acknowledged', acknowledged_by = @By, acknowledged_at = @At
        WHERE id = @Id AND status = 'open'
        """;

    /// <summary>The groups not to raise again now: those with an open alert or one raised since <paramref name="since"/>.</summary>
    public async Task<IReadOnlySet<(string Dimension, string Topic, string GroupValue)>> QuietGroupsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Dimension, string Topic, string GroupValue)>(new CommandDefinition(
            QuietSql, new { Since = since }, cancellationToken: cancellationToken));
        return rows.ToHashSet();
    }

    /// <summary>
    /// Stores the alert with the tickets of its group in the window, and runs the listeners, in one transaction;
    /// null when the group already has an open alert.
    /// </summary>
    public Task<Alert?> RaiseAsync(Spike spike, AlertWindow window, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync<Alert?>(
            async (transaction, token) =>
            {
                var connection = transaction.Connection!;
                var alert = await connection.QuerySingleOrDefaultAsync<Alert>(new CommandDefinition(InsertSql, new
                {
                    Dimension = spike.Dimension.Key,
                    spike.Topic,
                    GroupValue = spike.Value,
                    GroupLabel = spike.Label,
                    WindowStart = window.Start,
                    WindowEnd = window.End,
                    spike.Observed,
                    spike.Expected,
                    spike.PValue,
                    RaisedAt = at,
                }, transaction, cancellationToken: token));
                if (alert is null)
                {
                    return null;
                }

                await transaction.ExecuteAsync(LinkTicketsSql(spike.Dimension), new
                {
                    AlertId = alert.Id,
                    spike.Topic,
                    spike.Value,
                    window.Start,
                    window.End,
                }, token);
                var tickets = (await connection.QueryAsync<AlertTicket>(new CommandDefinition(
                    TicketsSql, new { AlertId = alert.Id }, transaction, cancellationToken: token))).AsList();
                foreach (var listener in listeners)
                {
                    await listener.OnRaisedAsync(alert, tickets, transaction, token);
                }

                return alert;
            },
            cancellationToken);

    /// <summary>Open alerts first, then the latest.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Alert>(new CommandDefinition(ListSql, new { Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AlertTicket>> TicketsAsync(long alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AlertTicket>(new CommandDefinition(TicketsSql, new { AlertId = alertId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>False when the alert is not open (already acknowledged, or no such alert).</summary>
    public Task<bool> AcknowledgeAsync(long id, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) => await transaction.ExecuteAsync(AcknowledgeSql, new { Id = id, By = by, At = at }, token) == 1,
            cancellationToken);

    private static string LinkTicketsSql(AlertDimension dimension) => $"""
        INSERT INTO alert_tickets (alert_id, ticket_id)
        SELECT DISTINCT @AlertId, t.id FROM tickets t {dimension.Joins}
        WHERE t.created_at >= @Start AND t.created_at < @End AND t.topic = @Topic AND {dimension.Value} = @Value {dimension.Filter}
        """;
}
