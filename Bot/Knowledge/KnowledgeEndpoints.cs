using Bot.Dialogs.Knowledge;

namespace Bot.Knowledge;

public static class KnowledgeEndpoints
{
    /// <summary>
    /// <c>GET /api/kb/search?q=…&amp;lang=en|es</c>: <c>{ matched, results: [ { slug, topic, title, score } ] }</c>, best first.
    /// </summary>
    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/kb/search", async (string? q, string? lang, KnowledgeBase knowledge, CancellationToken cancellationToken) =>
        {
            var language = string.IsNullOrEmpty(lang) ? Languages.English : lang;
            if (!Languages.IsSupported(language))
            {
                return Results.Problem($"lang must be one of: {string.Join(", ", Languages.All)}.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
            {
                return Results.Problem($"q must be between 1 and {MaxQueryLength} characters.", statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await knowledge.SearchAsync(q, language, ResultCount, cancellationToken);
            return Results.Ok(new
            {
                matched = result.Matched,
                results = result.Results.Select(r => new { slug = r.Article.Slug, topic = r.Article.Topic, title = r.Article.Title, score = Math.Round(r.Score, 4) }),
            });
        });
        return endpoints;
    }

    internal const int ResultCount = 5;

    internal const int MaxQueryLength = 1000;
}
