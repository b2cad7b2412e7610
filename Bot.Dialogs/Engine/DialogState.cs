namespace Bot.Dialogs.Engine;

/// <summary>Everything the dialogs remember about a conversation between turns, saved in conversation state.</summary>
public sealed class DialogState
{
    /// <summary>The person's language once known (detected from their first message or chosen), else null.</summary>
    public string? Language { get; set; }

    public bool Greeted { get; set; }

    /// <summary>The dialogs in progress, innermost last.</summary>
    public List<DialogFrame> Stack { get; set; } = [];
}

/// <summary>One dialog in progress: which flow, which step, what it has gathered, and what it is waiting for.</summary>
public sealed class DialogFrame
{
    public required string Flow { get; set; }

    public string Step { get; set; } = string.Empty;

    public Dictionary<string, string> Values { get; set; } = [];

    public PendingPrompt? Prompt { get; set; }

    public string? Get(string key) => Values.GetValueOrDefault(key);
}

/// <summary>The answer a frame waits for: its kind, the choices offered, and how many answers missed so far.</summary>
public sealed class PendingPrompt
{
    public PromptKind Kind { get; set; }

    public List<ReplyChoice> Choices { get; set; } = [];

    public int Misses { get; set; }
}

public enum PromptKind
{
    Text,
    Choice,
    YesNo,
    Rating,
    Zip,
    AssetTag,
}
