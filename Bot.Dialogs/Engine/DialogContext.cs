using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Engine;

/// <summary>
/// One turn as the flows see it: who is writing (an address on a channel, never the channel's behaviour), in which
/// language, what they wrote, and the dialog stack. Replies go out through the channel's renderer.
/// </summary>
public sealed class DialogContext(
    DialogState state,
    Requester requester,
    string text,
    int files,
    IConversationOutput output,
    CancellationToken cancellationToken)
{
    public DialogState State { get; } = state;

    public Requester Requester { get; } = requester;

    /// <summary>What the person wrote this turn.</summary>
    public string Text { get; } = text;

    /// <summary>How many files (photos) came with this turn's message; the channel keeps them with the message.</summary>
    public int Files { get; } = files;

    public string Language => State.Language ?? Languages.English;

    public Texts Say => Texts.For(Language);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Set when a flow ends the whole conversation's dialogs (cancel, menu) so the engine stops unwinding.</summary>
    public bool Cleared { get; private set; }

    public Task SendAsync(Reply reply) => output.SendAsync(reply);

    public Task SendAsync(string text) => output.SendAsync(Reply.Say(text));

    /// <summary>Shows the person the desk is working on an answer, where their channel can, before something slow (a search).</summary>
    public Task TypingAsync() => output.TypingAsync();

    /// <inheritdoc cref="IConversationOutput.HandoffAsync"/>
    public Task HandoffAsync(HandoffRequest request) => output.HandoffAsync(request);

    public void Clear()
    {
        State.Stack.Clear();
        Cleared = true;
    }
}

/// <summary>Who is writing: their channel and address on it, and the stored conversation.</summary>
public sealed record Requester(string Channel, string Address, long ConversationId);
