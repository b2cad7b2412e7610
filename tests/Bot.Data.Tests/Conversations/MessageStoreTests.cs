using Bot.Data;
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

    private static async Task<(MessageStore Messages, long ConversationId)> Conversation(TestDatabase test)
    {
        var id = await new ConversationStore(test.Database).TouchAsync(
            new ConversationActivity("sms", "+15555550100", "+15555550100", null, At), CancellationToken.None);
        return (new MessageStore(test.Database), id);
    }
}
