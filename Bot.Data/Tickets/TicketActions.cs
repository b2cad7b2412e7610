using System.Data.Common;
using Dapper;

namespace Bot.Data.Tickets;

/// <summary>
/// What technicians do to tickets: claim (one wins when two claim at once), assign, change status, write internal
/// notes, resolve. Each change and its history entry are one transaction. Answering and resolving also store the
/// business hours the person waited (for the response-time reports), in the same transaction as the time itself.
/// </summary>
public sealed class TicketActions(Database database, TimeProvider time, BusinessCalendar calendar)
{
    public const string InternalNote = "note";

    /// <summary>Assigns the ticket to <paramref name="email"/> if nobody has it; false when someone else already does.</summary>
    public Task<bool> ClaimAsync(long ticketId, string email, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) =>
            {
                var before = await StatusAsync(transaction, ticketId, token);
                var claimed = await transaction.ExecuteAsync("UPDATE tickets SET assignee = @Email, status = CASE WHEN status = 'new' THEN 'open' ELSE status END WHERE id = @Id AND assignee IS NULL", new { Id = ticketId, Email = email }, token);
                if (claimed == 0)
                {
                    return await transaction.ScalarAsync<string?>("SELECT assignee FROM tickets WHERE id = @Id", new { Id = ticketId }, token) == email;
                }

                await EventAsync(transaction, ticketId, before, before == "new" ? "open" : before, email, $"claimed by {email}", token);
                return true;
            },
            cancellationToken);

    /// <summary>Gives the ticket to someone (or nobody, with null).</summary>
    public Task AssignAsync(long ticketId, string? email, string actor, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) =>
            {
                var status = await StatusAsync(transaction, ticketId, token);
                await transaction.ExecuteAsync("UPDATE tickets SET assignee = @Email WHERE id = @Id", new { Id = ticketId, Email = email }, token);
                await EventAsync(transaction, ticketId, status, status, actor, email is null ? "unassigned" : $"assigned to {email}", token);
                return true;
            },
            cancellationToken);

    /// <summary>A note for technicians only: it is never sent to the person.</summary>
    public Task AddNoteAsync(long ticketId, string actor, string note, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (transaction, token) =>
            {
                var status = await StatusAsync(transaction, ticketId, token);
                await EventAsync(transaction, ticketId, status, status, actor, $"{InternalNote}: {note}", token);
                return true;
            },
            cancellationToken);

    /// <summary>Moves the ticket to open or pending (waiting on the person).</summary>
    public Task SetStatusAsync(long ticketId, string status, string actor, CancellationToken cancellationToken)
    {
        if (status is not ("open" or "pending"))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Use ResolveAsync to resolve; a ticket is otherwise open or pending.");
        }

        return database.InTransactionAsync(
            async (transaction, token) =>
            {
                var before = await StatusAsync(transaction, ticketId, token);
                await transaction.ExecuteAsync("UPDATE tickets SET status = @Status, resolved_at = NULL, resolution_business_hours = NULL, resolution = NULL, resolved_by = NULL WHERE id = @Id", new { Id = ticketId, Status = status }, token);
                await EventAsync(transaction, ticketId, before, status, actor, null, token);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Resolves the ticket with what was done, inside the caller's transaction. Its conversation lets go of it: what the
    /// person writes next starts afresh rather than landing on a resolved ticket. False, and nothing changed, when the
    /// ticket was already resolved or closed.
    /// </summary>
    public async Task<bool> ResolveAsync(long ticketId, string resolution, string actor, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var before = await StatusAsync(transaction, ticketId, cancellationToken);
        var now = time.GetUtcNow();
        var resolved = await transaction.ExecuteAsync(
            "UPDATE tickets SET status = 'resolved', resolved_at = @At, resolution_business_hours = @Hours, resolution = @Resolution, resolved_by = 'technician' WHERE id = @Id AND status NOT IN ('resolved', 'closed')",
            new { Id = ticketId, At = now, Hours = await BusinessHoursSinceCreatedAsync(ticketId, now, transaction, cancellationToken), Resolution = resolution },
            cancellationToken);
        if (resolved == 0)
        {
            return false;
        }

        await transaction.ExecuteAsync("UPDATE conversations SET open_ticket_id = NULL WHERE open_ticket_id = @Id", new { Id = ticketId }, cancellationToken);
        await EventAsync(transaction, ticketId, before, "resolved", actor, resolution, cancellationToken);
        return true;
    }

    /// <summary>Gives the ticket to <paramref name="email"/> unless someone already has it.</summary>
    public static Task AssignIfUnassignedAsync(long ticketId, string email, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("UPDATE tickets SET assignee = COALESCE(assignee, @Email) WHERE id = @Id", new { Id = ticketId, Email = email }, cancellationToken);

    /// <summary>Records the first time a technician answered the person (the response target's clock stops).</summary>
    public async Task RecordFirstResponseAsync(long ticketId, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.ExecuteAsync(
            "UPDATE tickets SET first_response_at = @At, first_response_business_hours = @Hours, status = CASE WHEN status = 'new' THEN 'open' ELSE status END WHERE id = @Id AND first_response_at IS NULL",
            new { Id = ticketId, At = at, Hours = await BusinessHoursSinceCreatedAsync(ticketId, at, transaction, cancellationToken) },
            cancellationToken);

    private async Task<double> BusinessHoursSinceCreatedAsync(long ticketId, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var created = await transaction.ScalarAsync<DateTimeOffset?>("SELECT created_at FROM tickets WHERE id = @Id", new { Id = ticketId }, cancellationToken)
            ?? throw new InvalidOperationException($"There is no ticket with id {ticketId}.");
        return calendar.BusinessTimeBetween(created, at).TotalHours;
    }

    private static async Task<string> StatusAsync(DbTransaction transaction, long ticketId, CancellationToken cancellationToken) =>
        await transaction.ScalarAsync<string>("SELECT status FROM tickets WHERE id = @Id", new { Id = ticketId }, cancellationToken)
        ?? throw new InvalidOperationException($"There is no ticket with id {ticketId}.");

    private Task<int> EventAsync(DbTransaction transaction, long ticketId, string fromStatus, string toStatus, string actor, string? note, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "INSERT INTO ticket_events (ticket_id, at, from_status, to_status, actor, note) VALUES (@Id, @At, @FromStatus, @ToStatus, @Actor, @Note)",
            new { Id = ticketId, At = time.GetUtcNow(), FromStatus = fromStatus, ToStatus = toStatus, Actor = actor, Note = note },
            cancellationToken);
}
