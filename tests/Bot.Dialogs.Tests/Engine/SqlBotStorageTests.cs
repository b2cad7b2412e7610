using Bot.Data;
using Bot.Dialogs.Engine;
using Bot.Testing;
using Dapper;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Bot.Dialogs.Tests.Engine;

/// <summary>The <see cref="IStorage"/> contract Bot Framework state relies on, on each real database.</summary>
public class SqlBotStorageTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_unknown_key_reads_as_absent(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);

        var read = await desk.Storage.ReadAsync(["never-written"]);

        Assert.Empty(read);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Values_come_back_as_the_types_they_were_stored_as(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        var nested = new Dictionary<string, object> { ["note"] = new Note { Text = "ñandú 🐛", Count = 3 }, ["n"] = 7L };

        await desk.Storage.WriteAsync(new Dictionary<string, object>
        {
            ["plain"] = new Note { Text = "plain", Count = 1 },
            ["item"] = new Item { Count = 2 },
            ["nested"] = nested,
        });
        var read = await desk.Storage.ReadAsync(["plain", "item", "nested"]);

        Assert.Equal("plain", Assert.IsType<Note>(read["plain"]).Text);
        var item = Assert.IsType<Item>(read["item"]);
        Assert.Equal(2, item.Count);
        Assert.False(string.IsNullOrEmpty(item.ETag));
        var dictionary = Assert.IsType<Dictionary<string, object>>(read["nested"]);
        Assert.Equal("ñandú 🐛", Assert.IsType<Note>(dictionary["note"]).Text);
        Assert.Equal(7L, dictionary["n"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Any_key_string_works(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        string[] keys = ["!@#$%^&*()~/\\><,.?';\"`~", "sms/users/+15555550100", "日本語 key", new string('k', 2000), "a'; DROP TABLE bot_state; --"];

        await desk.Storage.WriteAsync(keys.ToDictionary(k => k, k => (object)new Note { Text = k }));
        var read = await desk.Storage.ReadAsync(keys);

        Assert.All(keys, key => Assert.Equal(key, Assert.IsType<Note>(read[key]).Text));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_store_item_with_a_stale_etag_is_refused_and_the_stored_value_stays(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Item { Count = 1 } });
        var first = (Item)(await desk.Storage.ReadAsync(["item"]))["item"];
        var second = (Item)(await desk.Storage.ReadAsync(["item"]))["item"];

        second.Count = 2;
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = second });
        first.Count = 99;
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = first }));

        var stored = (Item)(await desk.Storage.ReadAsync(["item"]))["item"];
        Assert.Equal(2, stored.Count);
        Assert.NotEqual(first.ETag, stored.ETag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_wildcard_etag_and_plain_objects_overwrite(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Item { Count = 1 }, ["plain"] = new Note { Count = 1 } });
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Item { Count = 5 } });

        await desk.Storage.WriteAsync(new Dictionary<string, object>
        {
            ["item"] = new Item { Count = 100, ETag = "*" },
            ["plain"] = new Note { Count = 100 },
        });

        var read = await desk.Storage.ReadAsync(["item", "plain"]);
        Assert.Equal(100, ((Item)read["item"]).Count);
        Assert.Equal(100, ((Note)read["plain"]).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_empty_etag_is_refused(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Item { Count = 1 } });

        await Assert.ThrowsAsync<ArgumentException>(() =>
            desk.Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Item { Count = 2, ETag = string.Empty } }));

        Assert.Equal(1, ((Item)(await desk.Storage.ReadAsync(["item"]))["item"]).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_removes_the_key_and_an_unknown_key_is_no_error(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        await desk.Storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Item(), ["b"] = new Item() });

        await desk.Storage.DeleteAsync(["a", "not-there"]);

        Assert.Equal(["b"], (await desk.Storage.ReadAsync(["a", "b"])).Keys);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_plain_writes_to_one_key_leave_one_whole_value(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            desk.Storage.WriteAsync(new Dictionary<string, object> { ["shared"] = new Note { Count = i, Text = new string('x', 10_000) } }))));

        var note = Assert.IsType<Note>((await desk.Storage.ReadAsync(["shared"]))["shared"]);
        Assert.InRange(note.Count, 0, 7);
        Assert.Equal(10_000, note.Text!.Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task State_persists_across_turns(StorageProvider provider)
    {
        await using var desk = await DeskHarness.CreateAsync(provider);
        var userState = new UserState(desk.Storage);
        var note = userState.CreateProperty<Note>("note");
        var adapter = new TestAdapter().Use(new AutoSaveStateMiddleware(userState));

        await new TestFlow(adapter, async (turn, cancellationToken) =>
            {
                var value = await note.GetAsync(turn, () => new Note(), cancellationToken);
                if (turn.Activity.Text == "remember")
                {
                    value.Text = "remembered";
                }

                await turn.SendActivityAsync(value.Text ?? "nothing yet", cancellationToken: cancellationToken);
            })
            .Test("recall", "nothing yet")
            .Test("remember", "remembered")
            .Test("recall", "remembered")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_stored_row_naming_an_untrusted_type_is_refused()
    {
        await using var desk = await DeskHarness.CreateAsync();
        await using (var connection = await desk.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "INSERT INTO bot_state (key, json, etag, updated_at) VALUES ('evil', @json, 'e', '2026-01-01')",
                new { json = """{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{}}""" });
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => desk.Storage.ReadAsync(["evil"]));

        Assert.Contains("not allowed in bot state", error.ToString(), StringComparison.Ordinal);
    }

    public sealed class Note
    {
        public string? Text { get; set; }

        public int Count { get; set; }
    }

    public sealed class Item : IStoreItem
    {
        public int Count { get; set; }

        public string? ETag { get; set; }
    }
}
