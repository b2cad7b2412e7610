using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Testing;

namespace Bot.Data.Tests.Tickets;

public class TicketStoreTests
{
    // Tuesday 2026-12-01 10:00 in Chicago (UTC-6).
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_ticket_has_a_number_targets_on_the_calendar_history_and_the_whole_transcript(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (tickets, messages, conversationId) = Services(test, await Conversation(test));
        await messages.RecordInboundAsync(new InboundMessage(conversationId, "sms", "wifi keeps dropping", Now, "SM1"), CancellationToken.None);
        await messages.RecordOutboundAsync(new OutboundMessage(conversationId, AuthorKind.Bot, "sms", "Try this…", Now), CancellationToken.None);

        var ticket = await tickets.CreateAsync(NewTicket(conversationId), CancellationToken.None);
        await messages.RecordOutboundAsync(new OutboundMessage(conversationId, AuthorKind.Bot, "sms", "Your ticket is T-1001", Now), CancellationToken.None);

        Assert.Equal("T-1001", ticket.Number);
        Assert.Equal(("new", "network", "wifi", "normal"), (ticket.Status, ticket.Category, ticket.Topic, ticket.Priority));
        Assert.Equal(("home", "60614", "WD-2231", "since yesterday"), (ticket.LocationKind, ticket.LocationZip, ticket.DeviceAssetTag, ticket.Started));
        Assert.Equal(Now, ticket.CreatedAt);
        Assert.Equal(Now.AddHours(4), ticket.FirstResponseDueAt); // wifi: 4 business hours
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero), ticket.ResolutionDueAt); // 2 business days
        var transcript = await messages.TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Equal(["wifi keeps dropping", "Try this…", "Your ticket is T-1001"], transcript.Select(m => m.Text));
        var history = Assert.Single(await tickets.HistoryAsync(ticket.Id, CancellationToken.None));
        Assert.Equal((null, "new", "bot"), (history.FromStatus, history.ToStatus, history.Actor));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_tickets_are_found_by_the_requester_address_on_their_channel(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (tickets, _, conversationId) = Services(test, await Conversation(test));
        var first = await tickets.CreateAsync(NewTicket(conversationId), CancellationToken.None);
        var second = await tickets.CreateAsync(NewTicket(conversationId) with { Topic = "no-such-topic", Category = "other" }, CancellationToken.None);

        var open = await tickets.OpenForRequesterAsync("sms", "+15555550100", CancellationToken.None);

        Assert.Equal([first.Number, second.Number], open.Select(t => t.Number));
        Assert.Empty(await tickets.OpenForRequesterAsync("webchat", "+15555550100", CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), second.FirstResponseDueAt); // unknown topic: 'other', 8 business hours
    }

    private static NewTicket NewTicket(long conversationId) => new()
    {
        ConversationId = conversationId,
        Channel = "sms",
        RequesterAddress = "+15555550100",
        Language = "en",
        Topic = "wifi",
        Category = "network",
        Summary = "wifi keeps dropping",
        Started = "since yesterday",
        LocationKind = "home",
        LocationZip = "60614",
        DeviceAssetTag = "WD-2231",
    };

    private static (TicketStore Tickets, MessageStore Messages, long ConversationId) Services(TestDatabase test, long conversationId)
    {
        var time = new FixedTime(Now);
        var calendar = new BusinessCalendar(new CalendarOptions { TimeZone = "America/Chicago" });
        return (new TicketStore(test.Database, new SlaPolicyStore(test.Database), calendar, time), new MessageStore(test.Database), conversationId);
    }

    private static Task<long> Conversation(TestDatabase test) =>
        new ConversationStore(test.Database).TouchAsync(new ConversationActivity("sms", "+15555550100", "+15555550100", null, Now), CancellationToken.None);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
