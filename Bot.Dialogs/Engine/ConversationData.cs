namespace Bot.Dialogs.Engine;

/// <summary>What the bot remembers about one conversation between turns.</summary>
public sealed class ConversationData
{
    public bool Greeted { get; set; }

    public int MessagesReceived { get; set; }
}
