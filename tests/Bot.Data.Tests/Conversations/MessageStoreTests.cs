using Bot.Data;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Testing;

namespace Bot.Data.Tests.Conversations;

public class MessageStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_redelivered_message_is_stored_once(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (messages, conversationId) = await Conversation(test);
        var message = new InboundMessage(conversationId, "sms", "my screen is cracked", At, "SM0001");

        var first = await messages.RecordInboundAsync(message, CancellationToken.None);
        var again = await messages.RecordInboundAsync(message with { Text = "different text, same sid" }, CancellationToken.None);

        Assert.Equal(first.MessageId, again.MessageId);
        var transcript = await messages.TranscriptAsync(conversationId, CancellationToken.None);
        var stored = Assert.Single(transcript);
        Assert.Equal("my screen is cracked", stored.Text);
        Assert.Equal("in", stored.Direction);
        Assert.Equal("user", stored.AuthorKind);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_redelivery_tells_whether_the_first_delivery_was_handled(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (messages, conversationId) = await Conversation(test);
        var message = new InboundMessage(conversationId, "msteams", "hello", At, "1:abc");

        var first = await messages.RecordInboundAsync(message, CancellationToken.None);
        Assert.False(first.AlreadyProcessed);
        Assert.False((await messages.RecordInboundAsync(message, CancellationToken.None)).AlreadyProcessed);

        await messages.MarkProcessedAsync(first.MessageId, At, CancellationToken.None);

        Assert.True((await messages.RecordInboundAsync(message, CancellationToken.None)).AlreadyProcessed);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_id_on_another_channel_and_messages_without_ids_are_all_kept(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (messages, conversationId) = await Conversation(test);

        await messages.RecordInboundAsync(new InboundMessage(conversationId, "sms", "a", At, "42"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(conversationId, "webchat", "b", At, "42"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(conversationId, "sms", "c", At, null), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(conversationId, "sms", "d", At, null), CancellationToken.None);
        await messages.RecordOutboundAsync(new OutboundMessage(conversationId, AuthorKind.Bot, "sms", "e", At), CancellationToken.None);

        var transcript = await messages.TranscriptAsync(conversationId, CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d", "e"], transcript.Select(m => m.Text));
        Assert.Equal("out", transcript[^1].Direction);
        Assert.Equal("bot", transcript[^1].AuthorKind);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Waiting_texts_come_oldest_first_leaving_out_conversations_already_being_answered(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (messages, first) = await Conversation(test);
        var conversations = new ConversationStore(test.Database);
        var second = await conversations.TouchAsync(new ConversationActivity("sms", "+15555550101", "+15555550101", null, At), CancellationToken.None);
        var third = await conversations.TouchAsync(new ConversationActivity("sms", "+15555550102", "+15555550102", null, At), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(first, "sms", "a", At, "SM1"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(second, "sms", "b", At, "SM2"), CancellationToken.None);
        var handled = await messages.RecordInboundAsync(new InboundMessage(third, "sms", "c", At, "SM3"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(first, "sms", "d", At, "SM4"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(third, "sms", "e", At, "SM5"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(second, "webchat", "f", At, "SM6"), CancellationToken.None);
        await messages.MarkProcessedAsync(handled.MessageId, At, CancellationToken.None);

        Assert.Equal(["a", "b", "d", "e"], (await messages.PendingInboundAsync("sms", 10, CancellationToken.None)).Select(m => m.Text));
        Assert.Equal(["b", "e"], (await messages.PendingInboundAsync("sms", [first], 10, CancellationToken.None)).Select(m => m.Text));
        Assert.Equal(["e"], (await messages.PendingInboundAsync("sms", [first, second], 10, CancellationToken.None)).Select(m => m.Text));
        Assert.Equal(["a", "d"], (await messages.PendingInboundAsync("sms", [second, third], 2, CancellationToken.None)).Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_waiting_text_says_whether_its_sender_has_opted_out(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (messages, first) = await Conversation(test);
        var second = await new ConversationStore(test.Database).TouchAsync(
            new ConversationActivity("sms", "+15555550101", "+15555550101", null, At), CancellationToken.None);
        var optOuts = new OptOutStore(test.Database, new TestClock(At));
        await optOuts.SetAsync("sms", "+15555550100", optedOut: true, CancellationToken.None);
        await optOuts.SetAsync("sms", "+15555550101", optedOut: true, CancellationToken.None);
        await optOuts.SetAsync("sms", "+15555550101", optedOut: false, CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(first, "sms", "a", At, "SM1"), CancellationToken.None);
        await messages.RecordInboundAsync(new InboundMessage(second, "sms", "b", At, "SM2"), CancellationToken.None);

        var waiting = await messages.PendingInboundAsync("sms", 10, CancellationToken.None);

        Assert.Equal([("a", true), ("b", false)], waiting.Select(m => (m.Text, m.SenderOptedOut)));
    }

    private static async Task<(MessageStore Messages, long ConversationId)> Conversation(TestDatabase test)
    {
        var id = await new ConversationStore(test.Database).TouchAsync(
            new ConversationActivity("sms", "+15555550100", "+15555550100", null, At), CancellationToken.None);
        return (new MessageStore(test.Database), id);
    }
}
