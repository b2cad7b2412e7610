using System.Data.Common;

namespace Bot.Data.Insights.Alerts;

/// <summary>Work that must commit with a new alert or not at all, such as queuing its Teams card.</summary>
public interface IAlertRaisedListener
{
    Task OnRaisedAsync(Alert alert, IReadOnlyList<AlertTicket> tickets, DbTransaction transaction, CancellationToken cancellationToken);
}
