namespace Bot.Dialogs.Engine;

/// <summary>Everything the dialogs remember about a conversation between turns, saved in conversation state.</summary>
public sealed class DialogState
{
    /// <summary>The person's language once known (detected from their first message or chosen), else null.</summary>
    public string? Language { get; set; }

    public bool Greeted { get; set; }

    /// <summary>The writer's address was looked up among the people the district imported.</summary>
    public bool Identified { get; set; }

    /// <summary>Who is writing, when their address belongs to exactly one person.</summary>
    public long? PersonId { get; set; }

    /// <summary>The writer's first name, to greet them by.</summary>
    public string? FirstName { get; set; }

    /// <summary>The student (or staff member) the problem is about, once known.</summary>
    public long? SubjectPersonId { get; set; }

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
