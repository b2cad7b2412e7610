using Bot.Data;
using Bot.Data.Conversations;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Conversations;

public class ConversationStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_conversation_is_created_once_and_keeps_what_later_activity_does_not_say(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new ConversationStore(test.Database);

        var first = await store.TouchAsync(new ConversationActivity("webchat", "conv-1", "user-7", "{\"ref\":1}", At), CancellationToken.None);
        var second = await store.TouchAsync(new ConversationActivity("webchat", "conv-1", null, null, At.AddMinutes(5)), CancellationToken.None);
        var other = await store.TouchAsync(new ConversationActivity("msteams", "conv-1", "aad-1", null, At), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<(string Address, string Reference, string Mode)>(
            "SELECT address, reference_json, mode FROM conversations WHERE id = @first", new { first });
        Assert.Equal(("user-7", "{\"ref\":1}", "bot"), row);
    }
}
