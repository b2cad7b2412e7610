using Dapper;

namespace Bot.Data.Knowledge;

/// <summary>The articles of the knowledge base (<c>kb_articles</c>) and the database's full-text index over them.</summary>
public sealed class KnowledgeStore(Database database, TimeProvider time)
{
    private const string UpsertSql = """
        INSERT INTO kb_articles (slug, language, topic, title, summary, keywords, devices, steps_json, video, search_text, updated_at)
        VALUES (@Slug, @Language, @Topic, @Title, @Summary, @Keywords, @Devices, @StepsJson, @Video, @SearchText, @At)
        ON CONFLICT (slug, language) DO UPDATE SET
            topic = excluded.topic, title = excluded.title, summary = excluded.summary, keywords = excluded.keywords,
            devices = excluded.devices, steps_json = excluded.steps_json, video = excluded.video,
            search_text = excluded.search_text, updated_at = excluded.updated_at
        RETURNING id
        """;

    private const string ListSql = """
        SELECT id AS Id, slug AS Slug, language AS Language, topic AS Topic, title AS Title, summary AS Summary,
               keywords AS Keywords, devices AS Devices, steps_json AS StepsJson, video AS Video
        FROM kb_articles ORDER BY topic, slug, language
        """;

    private readonly string deleteMissingSql =
        $"DELETE FROM kb_articles WHERE NOT ({database.Dialect.AnyOf("id", "@Keep")})";

    /// <summary>
    /// Makes the stored knowledge base exactly <paramref name="articles"/>, index included, in one transaction:
    /// searches see the old set or the new one, never a mix.
    /// </summary>
    public async Task ReplaceAllAsync(IReadOnlyList<ArticleRecord> articles, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var at = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(dialect.ClearSearchIndexSql, transaction: transaction, cancellationToken: cancellationToken));
        var ids = new List<long>(articles.Count);
        foreach (var article in articles)
        {
            var folded = new
            {
                Title = SearchText.Fold(article.Title),
                Keywords = SearchText.Fold(article.Keywords),
                Summary = SearchText.Fold(article.Summary),
                Body = SearchText.Fold(article.Body),
            };
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(UpsertSql, new
            {
                article.Slug,
                article.Language,
                article.Topic,
                article.Title,
                article.Summary,
                article.Keywords,
                article.Devices,
                article.StepsJson,
                article.Video,
                SearchText = string.Join('\n', folded.Title, folded.Keywords, folded.Summary, folded.Body),
                At = at,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(dialect.IndexArticleSql, new
            {
                Id = id,
                Config = SearchConfiguration(article.Language),
                folded.Title,
                folded.Keywords,
                folded.Summary,
                folded.Body,
            }, transaction, cancellationToken: cancellationToken));
            ids.Add(id);
        }

        await connection.ExecuteAsync(new CommandDefinition(deleteMissingSql, new { Keep = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A typical relevance of a good full-text match on this engine, to put its scores on a common scale.</summary>
    public double LexicalScoreScale => database.Dialect.LexicalScoreScale;

    public async Task<IReadOnlyList<StoredArticle>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredArticle>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Articles in <paramref name="language"/> matching any of the query's words, best first, by the engine's own ranking.</summary>
    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(string query, string language, int limit, CancellationToken cancellationToken)
    {
        var terms = SearchText.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LexicalHit>(new CommandDefinition(
            database.Dialect.LexicalSearchSql,
            new { Query = database.Dialect.AnyTermQuery(terms), Language = language, Config = SearchConfiguration(language), Limit = limit },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The PostgreSQL text-search configuration for a language (stemming); other engines ignore it.</summary>
    private static string SearchConfiguration(string language) => language switch
    {
        "en" => "english",
        "es" => "spanish",
        _ => "simple",
    };
}

/// <summary>An article as the loader hands it to storage: plain fields, steps as a JSON array.</summary>
public sealed record ArticleRecord(
    string Slug, string Language, string Topic, string Title, string Summary, string Keywords, string Devices,
    string StepsJson, string? Video, string Body);

public sealed record StoredArticle
{
    public long Id { get; init; }

    public required string Slug { get; init; }

    public required string Language { get; init; }

    public required string Topic { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required string Keywords { get; init; }

    public required string Devices { get; init; }

    public required string StepsJson { get; init; }

    public string? Video { get; init; }
}

public sealed record LexicalHit
{
    public long Id { get; init; }

    public required string Slug { get; init; }

    public required string Topic { get; init; }

    public required string Title { get; init; }

    /// <summary>The engine's relevance, higher is better; comparable only within one engine.</summary>
    public double Score { get; init; }
}
