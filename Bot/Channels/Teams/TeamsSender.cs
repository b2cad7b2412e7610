using Bot.Channels.BotConnector;
using Bot.Outbox;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Delivers Teams messages from the outbox, so that a Teams outage delays an alert or a technician's reply and
/// loses neither. A row's body is the activity's JSON (<see cref="ConnectorSender.Body"/>); its address is either a
/// conversation the person started or <see cref="NewThreadIn"/> a team channel, which only Teams has.
/// </summary>
public sealed class TeamsSender(ConnectorClients clients, ConnectorConversations conversations, IOptions<TeamsOptions> options) : IOutboxSender
{
    public const string ChannelId = Microsoft.Bot.Connector.Channels.Msteams;
    private const string NewThreadPrefix = "new-thread:";

    public string Channel => ChannelId;

    /// <summary>Teams needs no settings to answer people who wrote to the bot: the conversation says where to write.</summary>
    public bool Enabled => true;

    /// <summary>The address that starts a new thread in a team channel.</summary>
    public static string NewThreadIn(string teamsChannelId) => NewThreadPrefix + teamsChannelId;

    public Task PaceAsync(string sender, string body, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> SendAsync(string sender, string address, string body, CancellationToken cancellationToken)
    {
        var activity = ConnectorSender.Activity(body);
        return address.StartsWith(NewThreadPrefix, StringComparison.Ordinal)
            ? await StartThreadAsync(address[NewThreadPrefix.Length..], activity, cancellationToken)
            : await conversations.ContinueAsync(ChannelId, address, activity, cancellationToken);
    }

    private async Task<string> StartThreadAsync(string teamsChannelId, Activity activity, CancellationToken cancellationToken)
    {
        var teams = options.Value;
        using var client = await clients.ForAsync(teams.ServiceUrl, cancellationToken);
        var created = await client.Conversations.CreateConversationAsync(
            new ConversationParameters
            {
                IsGroup = true,
                Bot = new ChannelAccount(clients.BotId),
                ChannelData = new TeamsChannelData { Channel = new ChannelInfo(teamsChannelId), Tenant = new TenantInfo(teams.TenantId) },
                TenantId = teams.TenantId,
                Activity = activity,
            },
            cancellationToken);
        return created.ActivityId ?? created.Id;
    }
}
