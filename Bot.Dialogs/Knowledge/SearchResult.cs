namespace Bot.Dialogs.Knowledge;

/// <summary>What search found: the best articles first, and whether the best is good enough to offer as a fix.</summary>
public sealed record SearchResult(bool Matched, IReadOnlyList<ScoredArticle> Results)
{
    public static SearchResult None { get; } = new(false, []);
}

/// <summary>An article with its combined score (0–1) and the two signals that made it.</summary>
public sealed record ScoredArticle(Article Article, double Score, double Lexical, double Semantic);
