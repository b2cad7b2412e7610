namespace Bot.Dialogs.Engine;

/// <summary>Where a turn's words go: the person's channel, rendered for it. Flows see this, never the channel itself.</summary>
public interface IConversationOutput
{
    Task SendAsync(Reply reply);

    /// <summary>Shows the person the desk is working on an answer, where their channel can.</summary>
    Task TypingAsync();

    /// <summary>Tells an agent hub behind the channel, if there is one, that a person needs a human (a ticket was opened).</summary>
    Task HandoffAsync(HandoffRequest request);
}

/// <summary>What an agent hub is told about a person who needs a human: the ticket, in a few words.</summary>
public sealed record HandoffRequest(string Ticket, string Category, string Topic, string Summary, string Language);
