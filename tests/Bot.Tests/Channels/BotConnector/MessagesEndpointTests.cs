using System.Net;
using Bot.Channels.BotConnector;
using Bot.Data;
using Bot.Data.Conversations;
using Bot.Dialogs.Engine;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.BotConnector;

public class MessagesEndpointTests
{
    private static readonly Texts English = Texts.For("en");

    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_message_is_answered_through_the_bot_connector_and_every_message_is_stored(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        var message = Activities.Message(connector.ServiceUrl, "conv-1", "my hotspot won't connect");

        var response = await client.PostActivityAsync(message);

        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        var greeting = await connector.NextAsync();
        var answer = await connector.NextAsync();
        Assert.Equal(English.Greeting, greeting.Text);
        Assert.Equal(English.OfferArticles, answer.Text);
        Assert.Contains("hotspot", answer.Activity["suggestedActions"]!["actions"]![0]!["title"]!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("conv-1", (string?)message["id"]), (answer.ConversationId, answer.ReplyToId));

        var transcript = await TranscriptAsync(app, "conv-1");
        Assert.Equal(
            [("in", "my hotspot won't connect"), ("out", English.Greeting), ("out", English.OfferArticles)],
            transcript.Select(m => (m.Direction, m.Text)));
    }

    [Fact]
    public async Task A_redelivered_activity_is_acknowledged_and_answered_once()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        var message = Activities.Message(connector.ServiceUrl, "conv-2", "screen flickers", id: "activity-1");

        var first = await client.PostActivityAsync(message);
        await connector.NextAsync();
        await connector.NextAsync();
        var again = await client.PostActivityAsync(message);

        Assert.True(first.IsSuccessStatusCode);
        Assert.True(again.IsSuccessStatusCode);
        Assert.Equal(0, connector.Pending);
        Assert.Single(await TranscriptAsync(app, "conv-2"), m => m.Direction == "in");
    }

    [Fact]
    public async Task Overlapping_turns_of_one_conversation_both_keep_their_state_update()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database, services => services.AddSingleton<IBot, SlowCountingBot>());
        var client = app.CreateClient();

        var responses = await Task.WhenAll(
            client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-3", "one")),
            client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-3", "two")));

        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode));
        var stored = await app.Services.GetRequiredService<IStorage>().ReadAsync(["emulator/conversations/conv-3"]);
        var values = Assert.IsAssignableFrom<IDictionary<string, object>>(stored.Single().Value);
        Assert.Equal(2L, Convert.ToInt64(values[SlowCountingBot.Property], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_failing_turn_is_apologised_for_and_logged_without_what_the_person_wrote()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database, services => services.AddSingleton<IBot, FailingBot>());
        var client = app.CreateClient();

        await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-4", "my password is Hunter2"));

        Assert.Equal(TurnErrors.Reply, (await connector.NextAsync()).Text);
        Assert.Contains(app.Logs.Lines, line => line.Contains("A turn failed with System.InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Hunter2", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Test Parent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_an_app_id_configured_an_unauthenticated_request_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database, settings: new()
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });
        var client = app.CreateClient();

        var response = await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-5", "hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, connector.Pending);
        Assert.Empty(await TranscriptAsync(app, "conv-5"));
    }

    private static async Task<IReadOnlyList<StoredMessage>> TranscriptAsync(DeskApp app, string conversation)
    {
        var id = await app.Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity("emulator", conversation, null, null, DateTimeOffset.UtcNow), CancellationToken.None);
        return await app.Services.GetRequiredService<MessageStore>().TranscriptAsync(id, CancellationToken.None);
    }

    /// <summary>Reads a counter, waits long enough for the other turn to arrive, then writes it back.</summary>
    private sealed class SlowCountingBot(ConversationState state) : IBot
    {
        public const string Property = "count";

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var count = state.CreateProperty<long>(Property);
            var value = await count.GetAsync(turnContext, () => 0, cancellationToken);
            await Task.Delay(300, cancellationToken);
            await count.SetAsync(turnContext, value + 1, cancellationToken);
            await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }
    }

    private sealed class FailingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"Could not handle '{turnContext.Activity.Text}' from {turnContext.Activity.From.Name}");
    }
}
