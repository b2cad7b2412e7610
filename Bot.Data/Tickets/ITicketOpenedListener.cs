using System.Data.Common;

namespace Bot.Data.Tickets;

/// <summary>
/// Work that must commit with a new ticket or not at all, such as queuing the technicians' alert: it runs inside the
/// transaction that opens the ticket.
/// </summary>
public interface ITicketOpenedListener
{
    Task OnOpenedAsync(OpenedTicket ticket, DbTransaction transaction, CancellationToken cancellationToken);
}

/// <summary>A ticket as it is being opened: what was asked for, its number and its targets.</summary>
public sealed record OpenedTicket(long Id, string Number, NewTicket Request, DateTimeOffset CreatedAt, DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt);
