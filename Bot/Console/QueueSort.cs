using Bot.Data.Tickets;

namespace Bot.Console;

/// <summary>The queue's columns a technician can sort by.</summary>
public enum QueueColumn
{
    Ticket,
    Target,
    About,
    Problem,
    Channel,
    Status,
    Assignee,
}

/// <summary>
/// The queue in the order a technician asked for: by one column, either way, ties broken by the soonest due and then
/// the oldest ticket, so rows never swap places between refreshes.
/// </summary>
public static class QueueSort
{
    /// <summary>What the queue shows first: the ticket whose target comes soonest.</summary>
    public static readonly (QueueColumn Column, bool Descending) Default = (QueueColumn.Target, false);

    public static IReadOnlyList<QueueEntry> Apply(IEnumerable<QueueEntry> entries, QueueColumn column, bool descending)
    {
        var text = StringComparer.CurrentCultureIgnoreCase;
        var sorted = column switch
        {
            QueueColumn.Ticket => By(entries, entry => entry.Id, Comparer<long>.Default, descending),
            QueueColumn.Target => By(entries, entry => entry.DueAt, Comparer<DateTimeOffset>.Default, descending),
            QueueColumn.About => By(entries, entry => $"{entry.FamilyName} {entry.GivenName}", text, descending),
            QueueColumn.Problem => By(entries, entry => $"{entry.Category} {entry.Summary}", text, descending),
            QueueColumn.Channel => By(entries, entry => entry.Channel, text, descending),
            QueueColumn.Status => By(entries, entry => entry.Status, text, descending),
            QueueColumn.Assignee => By(entries, entry => entry.Assignee ?? "", text, descending),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
        };
        return [.. sorted.ThenBy(entry => entry.DueAt).ThenBy(entry => entry.Id)];
    }

    private static IOrderedEnumerable<QueueEntry> By<TKey>(IEnumerable<QueueEntry> entries, Func<QueueEntry, TKey> key, IComparer<TKey> comparer, bool descending) =>
        descending ? entries.OrderByDescending(key, comparer) : entries.OrderBy(key, comparer);
}
