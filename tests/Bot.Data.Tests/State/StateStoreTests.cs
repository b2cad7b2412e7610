using Bot.Data;
using Bot.Data.State;
using Bot.Testing;

namespace Bot.Data.Tests.State;

public class StateStoreTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_with_one_stale_etag_writes_nothing(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(test.Database, TimeProvider.System);
        var etags = await store.WriteAsync([new StateWrite("a", "1", null), new StateWrite("b", "1", null)], CancellationToken.None);

        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(
            [new StateWrite("a", "2", etags["a"]), new StateWrite("b", "2", "stale")], CancellationToken.None));

        var rows = await store.ReadAsync(["a", "b"], CancellationToken.None);
        Assert.All(rows, row => Assert.Equal("1", row.Json));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_conditional_write_to_a_missing_key_is_a_conflict(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(test.Database, TimeProvider.System);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync([new StateWrite("gone", "1", "some-etag")], CancellationToken.None));

        Assert.Equal("gone", conflict.Key);
        Assert.Empty(await store.ReadAsync(["gone"], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reading_many_keys_returns_those_that_exist(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(test.Database, TimeProvider.System);
        var keys = Enumerable.Range(0, 50).Select(i => $"key/{i}").ToArray();
        await store.WriteAsync(keys.Where((_, i) => i % 2 == 0).Select(k => new StateWrite(k, "{}", null)).ToList(), CancellationToken.None);

        var rows = await store.ReadAsync(keys, CancellationToken.None);

        Assert.Equal(25, rows.Count);
        await store.DeleteAsync(keys, CancellationToken.None);
        Assert.Empty(await store.ReadAsync(keys, CancellationToken.None));
    }
}
