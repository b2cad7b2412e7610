namespace Bot.Data.Conversations;

/// <summary>
/// Something happened in a conversation. <paramref name="Address"/> is the person's address on the channel
/// (phone number, Teams AAD object id, web chat user id); <paramref name="ReferenceJson"/> is what the channel
/// needs to write to the conversation later.
/// </summary>
public sealed record ConversationActivity(
    string Channel,
    string ChannelConversationId,
    string? Address,
    string? ReferenceJson,
    DateTimeOffset At);
