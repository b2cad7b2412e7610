namespace Bot.Dialogs.Engine;

/// <summary>What a dialog says, independent of the channel: text, choices, and an optional card. Renderers turn it into activities.</summary>
public sealed record Reply(string Text, IReadOnlyList<ReplyChoice> Choices, ReplyCard? Card = null)
{
    public static Reply Say(string text) => new(text, []);
}

/// <summary>A choice: the value the dialog gets back, the label a person sees, and other words that also pick it.</summary>
public sealed record ReplyChoice(string Value, string Label, IReadOnlyList<string>? Synonyms = null);

/// <summary>Content worth a card where the channel has cards (an article's steps, a ticket): title, lines, a link.</summary>
public sealed record ReplyCard(string Title, IReadOnlyList<string> Lines, string? Link = null);
