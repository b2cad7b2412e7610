namespace Bot.Dialogs.Engine;

/// <summary>A valid answer to a prompt: the text as written and what it means for the prompt's kind.</summary>
public sealed record Answer(string Text, string? Choice = null, bool? Yes = null, int? Number = null, bool Skipped = false)
{
    public string Value => Choice ?? Text;
}
