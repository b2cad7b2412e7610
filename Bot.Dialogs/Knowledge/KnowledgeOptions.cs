namespace Bot.Dialogs.Knowledge;

/// <summary>The knowledge base and its search (<c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The folder of article files; by default the <c>Content/kb</c> shipped beside the app.</summary>
    public string? ContentPath { get; set; }

    /// <summary>Sentence embeddings (MiniLM) beside full-text ranking. Off: nothing is loaded for it at start-up.</summary>
    public bool Semantic { get; set; } = true;

    /// <summary>Reload when an article file changes, without a restart.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>Below this combined score the answer is "no match" and a person is offered a human instead.</summary>
    public double MatchThreshold { get; set; } = 0.52;

    /// <summary>The share of the combined score that comes from meaning (embeddings); the rest from shared words.</summary>
    public double SemanticWeight { get; set; } = 0.5;

    /// <summary>Stretches the engine's full-text scale: above 1 a full-text match needs more shared words to count.</summary>
    public double LexicalScaleFactor { get; set; } = 1.0;

    public string ResolvedContentPath => string.IsNullOrWhiteSpace(ContentPath)
        ? Path.Combine(AppContext.BaseDirectory, "Content", "kb")
        : ContentPath;
}
