using Bot.Console;
using Bot.Data.Tickets;

namespace Bot.Tests.Console;

public class QueueSortTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly QueueEntry[] Entries =
    [
        Entry(9, "T-1009", due: 3, family: "Zhou", assignee: null),
        Entry(10, "T-1010", due: 1, family: "alvarez", assignee: "sam@district.example.org"),
        Entry(11, "T-1011", due: 2, family: "Brown", assignee: "ada@district.example.org"),
        Entry(12, "T-1012", due: 1, family: "Brown", assignee: null, answered: true),
    ];

    [Fact]
    public void By_default_the_soonest_due_comes_first_counting_resolution_once_answered_and_the_older_ticket_breaks_a_tie()
    {
        var (column, descending) = QueueSort.Default;

        // T-1012 was answered, so it runs against its resolution target (due + 8 h), after T-1009's first response.
        Assert.Equal(["T-1010", "T-1011", "T-1009", "T-1012"], Numbers(QueueSort.Apply(Entries, column, descending)));
    }

    [Fact]
    public void Tickets_sort_by_their_order_of_opening_not_the_text_of_their_numbers()
    {
        var entries = Entries.Append(Entry(1000, "T-2000", due: 1, family: "Ng", assignee: null)).Append(Entry(999, "T-1999", due: 1, family: "Ng", assignee: null));

        Assert.Equal(["T-2000", "T-1999", "T-1012", "T-1011", "T-1010", "T-1009"], Numbers(QueueSort.Apply(entries, QueueColumn.Ticket, descending: true)));
    }

    [Fact]
    public void Names_sort_regardless_of_case_and_a_tie_goes_to_the_soonest_due()
    {
        // Two Browns: T-1011's first response is due in 2 h; T-1012 was answered, and its resolution is due in 9 h.
        Assert.Equal(["T-1010", "T-1011", "T-1012", "T-1009"], Numbers(QueueSort.Apply(Entries, QueueColumn.About, descending: false)));
        Assert.Equal(["T-1010", "T-1011", "T-1009", "T-1012"], Numbers(QueueSort.Apply(Entries, QueueColumn.Assignee, descending: true)));
    }

    private static QueueEntry Entry(long id, string number, int due, string family, string? assignee, bool answered = false) => new()
    {
        Id = id,
        Number = number,
        Status = "new",
        Topic = "power",
        Category = "hardware",
        Channel = "sms",
        Summary = "won't turn on",
        Assignee = assignee,
        CreatedAt = Now,
        FirstResponseDueAt = Now.AddHours(due),
        FirstResponseAt = answered ? Now : null,
        ResolutionDueAt = Now.AddHours(due + 8),
        GivenName = "Pat",
        FamilyName = family,
    };

    private static IEnumerable<string> Numbers(IEnumerable<QueueEntry> entries) => entries.Select(entry => entry.Number);
}
