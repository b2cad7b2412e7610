using System.Text.Json.Nodes;
using Bot.Data;
using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Testing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.BotConnector;

/// <summary>
/// The Bot Framework handoff protocol through the Bot Connector service: a ticket emits <c>handoff.initiate</c> with
/// the transcript, and an agent hub's <c>handoff.status</c> silences the bot and gives the conversation back.
/// </summary>
public class AgentHubHandoffTests
{
    private static readonly Texts English = Texts.For("en");

    [Fact]
    public async Task Opening_a_ticket_tells_the_agent_hub_with_the_transcript_and_the_hubs_status_decides_who_answers()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();

        var sent = new List<ReceivedActivity>();
        foreach (var text in new[] { "agent", "1", "this morning", "home", "60614", "skip" })
        {
            await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-hub", text));
            sent.AddRange(await DrainAsync(connector));
        }

        var initiate = Assert.Single(sent, activity => activity.Type == "event");
        Assert.Equal("handoff.initiate", (string?)initiate.Activity["name"]);
        Assert.Equal(("T-1001", "en"), ((string?)initiate.Activity["value"]!["ticket"], (string?)initiate.Activity["value"]!["language"]));
        var transcript = initiate.Activity["attachments"]![0]!["content"]!["activities"]!.AsArray();
        Assert.Equal(["agent", "1", "this morning", "home", "60614", "skip"], transcript.Where(a => (string?)a!["from"]!["id"] == "user-1").Select(a => (string?)a!["text"]));
        Assert.Contains(transcript, a => (string?)a!["from"]!["role"] == "bot");

        await client.PostActivityAsync(Status(connector.ServiceUrl, "accepted"));
        await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-hub", "are you there?"));
        Assert.Empty(await DrainAsync(connector));
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        var ticket = (await app.Services.GetRequiredService<TicketStore>().FindAsync("T-1001", CancellationToken.None))!;
        Assert.Equal(AgentHubHandoff.AgentHub, await conversations.HumanAgentAsync(ticket.ConversationId, CancellationToken.None));

        await client.PostActivityAsync(Status(connector.ServiceUrl, "completed"));
        Assert.Equal(English.BackToBot, Assert.Single(await DrainAsync(connector)).Text);
        Assert.Null(await conversations.HumanAgentAsync(ticket.ConversationId, CancellationToken.None));
        var notes = (await app.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None))
            .Where(message => message.AuthorKind == "system").Select(message => message.Text);
        Assert.Equal(
            ["The district's agent hub took the conversation over.", "The district's agent hub handed the conversation back to the bot."],
            notes);
    }

    [Fact]
    public async Task A_status_the_protocol_does_not_have_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connector = await BotConnectorServer.StartAsync();
        await using var app = DeskApp.On(database);
        var client = app.CreateClient();
        await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-hub", "my hotspot won't connect"));
        await DrainAsync(connector);

        await client.PostActivityAsync(Status(connector.ServiceUrl, "maybe"));
        await client.PostActivityAsync(Activities.Message(connector.ServiceUrl, "conv-hub", "menu"));

        Assert.NotEmpty(await DrainAsync(connector));
    }

    private static JsonObject Status(Uri serviceUrl, string state)
    {
        var activity = Activities.Message(serviceUrl, "conv-hub", string.Empty);
        activity["type"] = "event";
        activity["name"] = "handoff.status";
        activity["value"] = new JsonObject { ["state"] = state };
        activity.Remove("text");
        return activity;
    }

    /// <summary>What the bot sent during the turns just posted (each POST returns once its turn has replied).</summary>
    private static async Task<List<ReceivedActivity>> DrainAsync(BotConnectorServer connector)
    {
        var activities = new List<ReceivedActivity>();
        while (connector.Pending > 0)
        {
            activities.Add(await connector.NextAsync());
        }

        return activities;
    }
}
