using System.Data.Common;
using Dapper;

namespace Bot.Data.Tickets;

/// <summary>
/// Tickets, their status history, and the link between a ticket and its conversation's messages, so that the
/// transcript on a ticket is complete: what was said before it was opened, and everything after.
/// </summary>
public sealed class TicketStore(
    Database database,
    SlaPolicyStore policies,
    BusinessCalendar calendar,
    TimeProvider time,
    IEnumerable<ITicketOpenedListener>? listeners = null)
{
    private readonly IReadOnlyList<ITicketOpenedListener> listeners = [.. listeners ?? []];

    /// <summary>Numbers people can read out and type: T-1001, T-1002, …</summary>
    public const int NumberOffset = 1000;

    private const string InsertSql = """
        INSERT INTO tickets (status, category, topic, priority, channel, conversation_id, requester_address, language,
            device_asset_tag, location_kind, location_zip, started, summary, article_slug, created_at,
            first_response_due_at, resolution_due_at, person_id, device_id, school_id, device_model)
        VALUES ('new', @Category, @Topic, @Priority, @Channel, @ConversationId, @RequesterAddress, @Language,
            @DeviceAssetTag, @LocationKind, @LocationZip, @Started, @Summary, @ArticleSlug, @CreatedAt,
            @FirstResponseDueAt, @ResolutionDueAt, @PersonId, @DeviceId,
            (SELECT s.id FROM person_schools ps JOIN schools s ON s.id = ps.school_id WHERE ps.person_id = @PersonId ORDER BY s.name, s.id LIMIT 1),
            (SELECT d.model FROM devices d WHERE d.id = @DeviceId))
        RETURNING id
        """;

    private const string NumberSql = "UPDATE tickets SET number = @Number WHERE id = @Id";

    private const string EventSql = """
        INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note)
        VALUES (@TicketId, @At, @FromStatus, @ToStatus, @Actor, @Note)
        """;

    private const string AttachConversationSql = """
        UPDATE conversations SET open_ticket_id = @TicketId WHERE id = @ConversationId;
        UPDATE messages SET ticket_id = @TicketId WHERE conversation_id = @ConversationId AND ticket_id IS NULL;
        """;

    private const string SelectColumns = """
        SELECT id AS Id, number AS Number, status AS Status, category AS Category, topic AS Topic, priority AS Priority,
               channel AS Channel, conversation_id AS ConversationId, requester_address AS RequesterAddress,
               language AS Language, device_asset_tag AS DeviceAssetTag, location_kind AS LocationKind,
               location_zip AS LocationZip, started AS Started, summary AS Summary, article_slug AS ArticleSlug,
               created_at AS CreatedAt, first_response_due_at AS FirstResponseDueAt, resolution_due_at AS ResolutionDueAt,
               first_response_at AS FirstResponseAt, resolved_at AS ResolvedAt, assignee AS Assignee,
               resolution AS Resolution, resolved_by AS ResolvedBy, person_id AS PersonId, device_id AS DeviceId
        FROM tickets
        """;

    private const string OpenForRequesterSql = SelectColumns + """

        WHERE channel = @Channel AND requester_address = @Address AND status IN ('new', 'open', 'pending')
        ORDER BY id
        """;

    private const string ByNumberSql = SelectColumns + "\nWHERE number = @Number";

    private const string EventsSql = """
        SELECT at AS At, from_status AS FromStatus, to_status AS ToStatus, actor AS Actor, note AS Note
        FROM ticket_events WHERE ticket_id = @TicketId ORDER BY id
        """;

    /// <summary>
    /// Opens a ticket with its targets computed on the business calendar, and the school and device model the reports
    /// count it under (see migration 0015), links the conversation's messages to it
    /// (later messages of the conversation follow), records the status 'new', and lets the listeners (the technicians'
    /// alert) do their part in the same transaction.
    /// </summary>
    public Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken) => CreateAsync(ticket, andThen: null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(NewTicket, CancellationToken)"/>
    /// <param name="andThen">More work that commits with the ticket or not at all (a technician's first message).</param>
    public async Task<Ticket> CreateAsync(NewTicket ticket, Func<OpenedTicket, DbTransaction, CancellationToken, Task>? andThen, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(ticket.Topic, ticket.Priority, cancellationToken);
        var now = time.GetUtcNow();
        var (firstResponseDue, resolutionDue) = (calendar.Add(now, policy.FirstResponse), calendar.Add(now, policy.Resolution));
        var id = await database.InTransactionAsync(
            async (transaction, token) =>
            {
                var connection = transaction.Connection!;
                var id = await connection.ExecuteScalarAsync<long>(Command(InsertSql, new
                {
                    ticket.Category,
                    ticket.Topic,
                    ticket.Priority,
                    ticket.Channel,
                    ticket.ConversationId,
                    ticket.RequesterAddress,
                    ticket.Language,
                    ticket.DeviceAssetTag,
                    ticket.LocationKind,
                    ticket.LocationZip,
                    ticket.Started,
                    ticket.Summary,
                    ticket.ArticleSlug,
                    CreatedAt = now,
                    FirstResponseDueAt = firstResponseDue,
                    ResolutionDueAt = resolutionDue,
                    ticket.PersonId,
                    ticket.DeviceId,
                }, transaction, token));
                await connection.ExecuteAsync(Command(NumberSql, new { Id = id, Number = FormatNumber(id) }, transaction, token));
                await connection.ExecuteAsync(Command(EventSql, new { TicketId = id, At = now, FromStatus = (string?)null, ToStatus = "new", Actor = ticket.OpenedBy, Note = (string?)null }, transaction, token));
                await connection.ExecuteAsync(Command(AttachConversationSql, new { TicketId = id, ticket.ConversationId }, transaction, token));
                var opened = new OpenedTicket(id, FormatNumber(id), ticket, now, firstResponseDue, resolutionDue);
                foreach (var listener in listeners)
                {
                    await listener.OnOpenedAsync(opened, transaction, token);
                }

                if (andThen is not null)
                {
                    await andThen(opened, transaction, token);
                }

                return id;
            },
            cancellationToken);
        return (await FindAsync(FormatNumber(id), cancellationToken))!;
    }

    /// <summary>
    /// Whether the requester has an open ticket other than <paramref name="ticketId"/>, read inside the caller's
    /// transaction (one that is opening <paramref name="ticketId"/> and wants to be the only one).
    /// </summary>
    public static async Task<bool> OtherOpenForRequesterAsync(long ticketId, string channel, string address, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.ScalarAsync<long>(
            "SELECT COUNT(*) FROM tickets WHERE channel = @Channel AND requester_address = @Address AND status IN ('new', 'open', 'pending') AND id <> @Id",
            new { Id = ticketId, Channel = channel, Address = address },
            cancellationToken) > 0;

    /// <summary>Makes an existing ticket the conversation's open ticket, so what is said next is logged on it.</summary>
    public Task AttachConversationAsync(long ticketId, long conversationId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            (transaction, token) => transaction.ExecuteAsync(AttachConversationSql, new { TicketId = ticketId, ConversationId = conversationId }, token),
            cancellationToken);

    /// <summary>The requester's tickets that are not resolved or closed, oldest first.</summary>
    public async Task<IReadOnlyList<Ticket>> OpenForRequesterAsync(string channel, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Ticket>(Command(OpenForRequesterSql, new { Channel = channel, Address = address }, null, cancellationToken))).AsList();
    }

    public async Task<Ticket?> FindAsync(string number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Ticket>(Command(ByNumberSql, new { Number = number }, null, cancellationToken));
    }

    public async Task<IReadOnlyList<TicketEvent>> HistoryAsync(long ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TicketEvent>(Command(EventsSql, new { TicketId = ticketId }, null, cancellationToken))).AsList();
    }

    public static string FormatNumber(long id) => $"T-{id + NumberOffset}";

    private static CommandDefinition Command(string sql, object args, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, args, transaction, cancellationToken: cancellationToken);
}
