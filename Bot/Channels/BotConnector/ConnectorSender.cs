using Bot.Outbox;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Bot.Channels.BotConnector;

/// <summary>
/// Delivers outbox rows for a channel the Bot Connector carries into conversations people started, so that an outage
/// of the channel delays a technician's reply and loses nothing. A row's body is the activity's JSON and its address
/// the channel's conversation id.
/// </summary>
public sealed class ConnectorSender(string channel, ConnectorConversations conversations) : IOutboxSender
{
    /// <summary>The outbox's sender for Bot Connector rows: the bot itself, whatever its app id.</summary>
    public const string Sender = "desk";

    public string Channel => channel;

    /// <summary>No settings are needed to answer people who wrote to the bot: the conversation says where to write.</summary>
    public bool Enabled => true;

    /// <summary>The outbox body for an activity.</summary>
    public static string Body(IActivity activity) => JsonConvert.SerializeObject(activity);

    /// <summary>The activity an outbox body holds.</summary>
    public static Activity Activity(string body) =>
        JsonConvert.DeserializeObject<Activity>(body) ?? throw new InvalidOperationException("An outbox row for the Bot Connector holds no activity.");

    public Task PaceAsync(string sender, string body, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> SendAsync(string sender, string address, string body, CancellationToken cancellationToken) =>
        conversations.ContinueAsync(channel, address, Activity(body), cancellationToken);
}
