using Bot.Data.Conversations;
using Bot.Outbox;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Bot.Channels.Teams;

/// <summary>
/// Delivers Teams messages from the outbox, so that a Teams outage delays an alert or a technician's reply and
/// loses neither. An outbox row's body is the activity's JSON; its address is either a conversation the person
/// started (its stored conversation reference says where to write) or <see cref="NewThreadIn"/> a channel.
/// </summary>
public sealed class TeamsSender(TeamsConnector connector, ConversationStore conversations, IOptions<TeamsOptions> options) : IOutboxSender
{
    public const string ChannelId = Microsoft.Bot.Connector.Channels.Msteams;
    /// <summary>The outbox's sender for Teams rows: the bot itself, whatever its app id.</summary>
    public const string Sender = "desk";
    private const string NewThreadPrefix = "new-thread:";

    public string Channel => ChannelId;

    /// <summary>Teams needs no settings to answer people who wrote to the bot: the conversation says where to write.</summary>
    public bool Enabled => true;

    /// <summary>The address that starts a new thread in a team channel.</summary>
    public static string NewThreadIn(string teamsChannelId) => NewThreadPrefix + teamsChannelId;

    /// <summary>The outbox body for an activity.</summary>
    public static string Body(IActivity activity) => JsonConvert.SerializeObject(activity);

    public Task PaceAsync(string sender, string body, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> SendAsync(string sender, string address, string body, CancellationToken cancellationToken)
    {
        var activity = JsonConvert.DeserializeObject<Activity>(body) ?? throw new InvalidOperationException("An outbox row for Teams holds no activity.");
        return address.StartsWith(NewThreadPrefix, StringComparison.Ordinal)
            ? await StartThreadAsync(address[NewThreadPrefix.Length..], activity, cancellationToken)
            : await ContinueAsync(address, activity, cancellationToken);
    }

    private async Task<string> StartThreadAsync(string teamsChannelId, Activity activity, CancellationToken cancellationToken)
    {
        var teams = options.Value;
        using var client = await connector.ClientAsync(teams.ServiceUrl, cancellationToken);
        var created = await client.Conversations.CreateConversationAsync(
            new ConversationParameters
            {
                IsGroup = true,
                Bot = new ChannelAccount(connector.BotId),
                ChannelData = new TeamsChannelData { Channel = new ChannelInfo(teamsChannelId), Tenant = new TenantInfo(teams.TenantId) },
                TenantId = teams.TenantId,
                Activity = activity,
            },
            cancellationToken);
        return created.ActivityId ?? created.Id;
    }

    private async Task<string> ContinueAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var json = await conversations.ReferenceAsync(ChannelId, conversationId, cancellationToken)
            ?? throw new InvalidOperationException("No Teams conversation reference is stored for this conversation.");
        var reference = JsonConvert.DeserializeObject<ConversationReference>(json)!;
        activity.ApplyConversationReference(reference);
        using var client = await connector.ClientAsync(reference.ServiceUrl, cancellationToken);
        var sent = await client.Conversations.SendToConversationAsync(activity, cancellationToken);
        return sent?.Id ?? Guid.NewGuid().ToString("N");
    }
}
