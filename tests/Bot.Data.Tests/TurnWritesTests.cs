using Bot.Data.Outbox;
using Bot.Data.State;
using Bot.Testing;

namespace Bot.Data.Tests;

public class TurnWritesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Nothing_is_written_until_the_turn_commits_and_then_everything_is(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (state, outbox) = Stores(test.Database);
        var turn = TurnWrites.Begin(test.Database);
        var woken = 0;

        await turn.AddAsync((tx, ct) => state.WriteAsync([new StateWrite("conversation", "{\"step\":2}", null)], tx, ct), keepIfTurnFails: false, CancellationToken.None);
        await turn.AddAsync((tx, ct) => OutboxStore.EnqueueAsync(Reply("Step 2: hold the power key."), At, tx, ct), keepIfTurnFails: true, CancellationToken.None);
        turn.AfterCommit(() => woken++);

        Assert.Empty(await state.ReadAsync(["conversation"], CancellationToken.None));
        Assert.Empty(await outbox.DueAsync("sms", At, 10, CancellationToken.None));
        Assert.Equal(0, woken);

        await turn.CommitAsync(CancellationToken.None);

        Assert.Equal("{\"step\":2}", Assert.Single(await state.ReadAsync(["conversation"], CancellationToken.None)).Json);
        Assert.Equal("Step 2: hold the power key.", Assert.Single(await outbox.DueAsync("sms", At, 10, CancellationToken.None)).Body);
        Assert.Equal(1, woken);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reply_is_not_queued_when_the_state_change_that_caused_it_cannot_be_saved(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (state, outbox) = Stores(test.Database);
        var turn = TurnWrites.Begin(test.Database);

        await turn.AddAsync((tx, ct) => OutboxStore.EnqueueAsync(Reply("Your ticket is T-1001."), At, tx, ct), keepIfTurnFails: true, CancellationToken.None);
        await turn.AddAsync((tx, ct) => state.WriteAsync([new StateWrite("conversation", "{}", "stale-etag")], tx, ct), keepIfTurnFails: false, CancellationToken.None);

        await Assert.ThrowsAsync<StateConflictException>(() => turn.CommitAsync(CancellationToken.None));

        Assert.Empty(await outbox.DueAsync("sms", At, 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_turn_keeps_what_it_said_and_drops_its_state(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (state, outbox) = Stores(test.Database);
        var turn = TurnWrites.Begin(test.Database);

        await turn.AddAsync((tx, ct) => OutboxStore.EnqueueAsync(Reply("Let me look that up."), At, tx, ct), keepIfTurnFails: true, CancellationToken.None);
        await turn.AddAsync((tx, ct) => state.WriteAsync([new StateWrite("conversation", "{}", null)], tx, ct), keepIfTurnFails: false, CancellationToken.None);
        await turn.FailAsync(CancellationToken.None);

        Assert.Empty(await state.ReadAsync(["conversation"], CancellationToken.None));
        Assert.Equal("Let me look that up.", Assert.Single(await outbox.DueAsync("sms", At, 10, CancellationToken.None)).Body);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_write_after_the_turn_ended_is_written_at_once(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (_, outbox) = Stores(test.Database);
        var turn = TurnWrites.Begin(test.Database);
        await turn.FailAsync(CancellationToken.None);
        var woken = false;

        await turn.AddAsync((tx, ct) => OutboxStore.EnqueueAsync(Reply("Sorry, something went wrong."), At, tx, ct), keepIfTurnFails: true, CancellationToken.None);
        turn.AfterCommit(() => woken = true);

        Assert.Single(await outbox.DueAsync("sms", At, 10, CancellationToken.None));
        Assert.True(woken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => turn.CommitAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_turn_is_visible_to_the_code_its_opener_runs_and_not_outside_it()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        TurnWrites? inside = null;

        async Task RunTurnAsync()
        {
            var turn = TurnWrites.Begin(test.Database);
            await Task.Yield();
            inside = await Task.Run(() => TurnWrites.Current);
            Assert.Same(turn, inside);
        }

        await RunTurnAsync();

        Assert.NotNull(inside);
        Assert.Null(TurnWrites.Current);
    }

    private static (StateStore State, OutboxStore Outbox) Stores(Database database) =>
        (new StateStore(database, TimeProvider.System), new OutboxStore(database));

    private static NewOutboxMessage Reply(string body) => new("sms", "+15555550100", "+15555550199", body, null);
}
