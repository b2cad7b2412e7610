using Bot.Data.Knowledge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Bot.Dialogs.Knowledge;

/// <summary>
/// The loaded knowledge base and its hybrid search: the database's full-text ranking and, when switched on, sentence
/// embeddings, merged into one score with a threshold below which nothing is offered.
/// </summary>
public sealed partial class KnowledgeBase(
    KnowledgeStore store,
    SentenceEmbedder embedder,
    IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeBase> logger)
{
    /// <summary>How many full-text hits feed the ranking.</summary>
    private const int LexicalDepth = 12;

    /// <summary>The full-text score at which the lexical signal reaches one half (bm25 and ts_rank scale differently).</summary>
    private double LexicalHalfPoint => store.LexicalScoreScale * Options.LexicalScaleFactor;

    private volatile Snapshot current = Snapshot.Empty;

    public KnowledgeOptions Options => options.Value;

    public IReadOnlyList<Article> Articles => current.Articles;

    public Article? Find(string slug, string language) =>
        current.ByKey.TryGetValue((slug, language), out var article) ? article : null;

    /// <summary>Reads the article files, replaces the stored articles and index, and switches searches to the new set.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var articles = ArticleFolder.Read(Options.ResolvedContentPath);
        await store.ReplaceAllAsync(articles.Select(ToRecord).ToList(), cancellationToken);
        var vectors = Options.Semantic ? EmbedArticles(articles, cancellationToken) : [];
        current = new Snapshot(articles, vectors);
        LogLoaded(logger, articles.Count, Options.Semantic);
    }

    public async Task<SearchResult> SearchAsync(string query, string language, int limit, CancellationToken cancellationToken) =>
        await SearchAsync(query, language, limit, Options.Semantic ? SearchMode.Hybrid : SearchMode.Lexical, cancellationToken);

    public async Task<SearchResult> SearchAsync(string query, string language, int limit, SearchMode mode, CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (string.IsNullOrWhiteSpace(query) || snapshot.Articles.Count == 0)
        {
            return SearchResult.None;
        }

        var lexical = new Dictionary<string, double>(StringComparer.Ordinal);
        if (mode != SearchMode.Semantic)
        {
            foreach (var hit in await store.SearchAsync(query, language, LexicalDepth, cancellationToken))
            {
                lexical[hit.Slug] = hit.Score / (hit.Score + LexicalHalfPoint);
            }
        }

        float[]? queryVector = null;
        if (mode != SearchMode.Lexical && snapshot.Vectors.Count > 0)
        {
            queryVector = embedder.EmbedQuery(query, cancellationToken);
        }

        var scored = new List<ScoredArticle>();
        for (var i = 0; i < snapshot.Articles.Count; i++)
        {
            var article = snapshot.Articles[i];
            if (article.Language != language)
            {
                continue;
            }

            var lex = lexical.GetValueOrDefault(article.Slug);
            var sem = queryVector is null ? 0 : Math.Max(0, snapshot.Vectors[i].Max(vector => SentenceEmbedder.Cosine(queryVector, vector)));
            var score = mode switch
            {
                SearchMode.Lexical => lex,
                SearchMode.Semantic => sem,
                _ => (Options.SemanticWeight * sem) + ((1 - Options.SemanticWeight) * lex),
            };
            if (score > 0)
            {
                scored.Add(new ScoredArticle(article, score, lex, sem));
            }
        }

        var best = scored.OrderByDescending(s => s.Score).Take(limit).ToList();
        return new SearchResult(best.Count > 0 && best[0].Score >= Options.MatchThreshold, best);
    }

    /// <summary>
    /// Two vectors per article: its own words (title, summary, keywords), and its topic's "what people mean" from
    /// kb-topics.md, which is close to how people describe a problem. A query's semantic score is the better of the two.
    /// </summary>
    private float[][][] EmbedArticles(IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        var own = embedder.Embed(articles.Select(article => $"{article.Title}. {article.Summary} {string.Join(", ", article.Keywords)}").ToList(), cancellationToken);
        var described = Topics.All.Where(topic => topic.Id != Topics.Other).ToList();
        var topicVectors = described.Zip(embedder.Embed(described.Select(topic => topic.Description).ToList(), cancellationToken))
            .ToDictionary(pair => pair.First.Id, pair => pair.Second);
        return articles.Select((article, i) => topicVectors.TryGetValue(article.Topic, out var topic) ? new[] { own[i], topic } : [own[i]]).ToArray();
    }

    private static ArticleRecord ToRecord(Article article) => new(
        article.Slug,
        article.Language,
        article.Topic,
        article.Title,
        article.Summary,
        string.Join(", ", article.Keywords),
        string.Join(", ", article.Devices),
        JsonConvert.SerializeObject(article.Steps),
        article.Video,
        string.Join('\n', article.Steps.Prepend(article.Intro)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} knowledge-base articles (semantic search: {Semantic})")]
    private static partial void LogLoaded(ILogger logger, int count, bool semantic);

    private sealed class Snapshot(IReadOnlyList<Article> articles, IReadOnlyList<float[][]> vectors)
    {
        public static Snapshot Empty { get; } = new([], []);

        public IReadOnlyList<Article> Articles { get; } = articles;

        public IReadOnlyList<float[][]> Vectors { get; } = vectors;

        public Dictionary<(string Slug, string Language), Article> ByKey { get; } =
            articles.ToDictionary(article => (article.Slug, article.Language));
    }
}

public enum SearchMode
{
    Hybrid,
    Lexical,
    Semantic,
}
