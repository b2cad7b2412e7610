using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Tests;

public class DeskBotTests
{
    [Fact]
    public async Task A_person_joining_is_greeted_once_and_each_message_is_answered()
    {
        await using var desk = await DeskHarness.CreateAsync();

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send(MembersAdded())
            .AssertReply(DeskBot.Greeting)
            .Send(MembersAdded())
            .Send("my chromebook won't charge")
            .AssertReply("Thanks, I got your message: \u201cmy chromebook won't charge\u201d.")
            .Send("still nothing")
            .AssertReply("Thanks, I got your message: \u201cstill nothing\u201d.")
            .StartTestAsync();

        Assert.Empty(desk.Adapter.ActiveQueue);
    }

    [Fact]
    public async Task A_person_who_writes_first_is_greeted_before_the_answer()
    {
        await using var desk = await DeskHarness.CreateAsync();

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("hello?")
            .AssertReply(DeskBot.Greeting)
            .AssertReply("Thanks, I got your message: \u201chello?\u201d.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Every_message_in_and_out_is_stored_in_order()
    {
        await using var desk = await DeskHarness.CreateAsync();

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("wifi keeps dropping")
            .AssertReply(DeskBot.Greeting)
            .AssertReply(_ => { })
            .StartTestAsync();

        var transcript = await desk.TranscriptAsync();
        Assert.Equal(
            [("in", "user", "wifi keeps dropping"), ("out", "bot", DeskBot.Greeting), ("out", "bot", "Thanks, I got your message: \u201cwifi keeps dropping\u201d.")],
            transcript.Select(m => (m.Direction, m.AuthorKind, m.Text)));
        Assert.True(transcript[0].Processed);
    }

    private static Activity MembersAdded() => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [new ChannelAccount("user1", "User1")],
    };
}
