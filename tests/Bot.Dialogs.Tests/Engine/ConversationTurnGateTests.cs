using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Bot.Dialogs.Tests.Engine;

public class ConversationTurnGateTests
{
    [Fact]
    public async Task Two_overlapping_turns_of_one_conversation_both_keep_their_update()
    {
        await using var desk = await DeskHarness.CreateAsync();
        var counter = desk.ConversationState.CreateProperty<int>("counter");
        var adapter = new TestAdapter().Use(new ConversationTurnGate());

        // Each turn reads the counter, dawdles while the other turn arrives, then writes: last-writer-wins without the gate.
        async Task SlowIncrement(ITurnContext turn, CancellationToken cancellationToken)
        {
            var value = await counter.GetAsync(turn, () => 0, cancellationToken);
            await Task.Delay(200, cancellationToken);
            await counter.SetAsync(turn, value + 1, cancellationToken);
            await desk.ConversationState.SaveChangesAsync(turn, cancellationToken: cancellationToken);
        }

        await Task.WhenAll(
            adapter.ProcessActivityAsync(adapter.MakeActivity("one"), SlowIncrement),
            adapter.ProcessActivityAsync(adapter.MakeActivity("two"), SlowIncrement));

        var stored = await desk.Storage.ReadAsync([$"{adapter.Conversation.ChannelId}/conversations/{adapter.Conversation.Conversation.Id}"]);
        var state = Assert.IsAssignableFrom<IDictionary<string, object>>(Assert.Single(stored).Value);
        Assert.Equal(2L, Convert.ToInt64(state["counter"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Turns_of_different_conversations_run_at_the_same_time()
    {
        var gate = new ConversationTurnGate();
        var adapterA = new TestAdapter(TestAdapter.CreateConversation("a")).Use(gate);
        var adapterB = new TestAdapter(TestAdapter.CreateConversation("b")).Use(gate);
        var inside = 0;
        var bothInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task MeetTheOther(ITurnContext turn, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref inside) == 2)
            {
                bothInside.SetResult();
            }

            await bothInside.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        await Task.WhenAll(
            adapterA.ProcessActivityAsync(adapterA.MakeActivity("hi"), MeetTheOther),
            adapterB.ProcessActivityAsync(adapterB.MakeActivity("hi"), MeetTheOther));

        Assert.True(bothInside.Task.IsCompletedSuccessfully);
        Assert.Equal(0, gate.ActiveConversations);
    }
}
