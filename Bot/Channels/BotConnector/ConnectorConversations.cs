using Bot.Data.Conversations;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Bot.Channels.BotConnector;

/// <summary>
/// Writes into a conversation a person started through the Bot Connector (Teams, web chat through Azure Bot Service):
/// the conversation reference stored with its first turn says which service and conversation to write to.
/// </summary>
public sealed class ConnectorConversations(ConnectorClients clients, ConversationStore conversations)
{
    /// <summary>Whether the desk can write into the conversation: the person has written to it through the Bot Connector.</summary>
    public async Task<bool> CanContinueAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        await conversations.ReferenceAsync(channelId, conversationId, cancellationToken) is not null;

    /// <summary>Sends <paramref name="activity"/> into the conversation and returns the channel's id for it.</summary>
    public async Task<string> ContinueAsync(string channelId, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var json = await conversations.ReferenceAsync(channelId, conversationId, cancellationToken)
            ?? throw new InvalidOperationException($"No conversation reference is stored for this {channelId} conversation.");
        var reference = JsonConvert.DeserializeObject<ConversationReference>(json)!;
        activity.ApplyConversationReference(reference);
        using var client = await clients.ForAsync(reference.ServiceUrl, cancellationToken);
        var sent = await client.Conversations.SendToConversationAsync(activity, cancellationToken);
        return sent?.Id ?? Guid.NewGuid().ToString("N");
    }
}
