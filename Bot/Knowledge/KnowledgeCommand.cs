using System.Text.Json;
using Bot.Data.Schema;
using Bot.Dialogs.Knowledge;

namespace Bot.Knowledge;

/// <summary>
/// <c>kb list</c>: one JSON line per article. <c>kb search [--lang en|es]</c>: one query per input line, one JSON
/// line per query. Only JSON goes to standard output; logs go to standard error.
/// </summary>
public static class KnowledgeCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Handles(string[] args) => args is ["kb", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        switch (args)
        {
            case ["kb", "list"]:
                var knowledge = await LoadAsync(services, cancellationToken);
                foreach (var article in knowledge.Articles)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { slug = article.Slug, topic = article.Topic, language = article.Language, title = article.Title }, Json));
                }

                return 0;
            case ["kb", "search"]:
            case ["kb", "search", "--lang", "en" or "es"]:
                var language = args.Length == 4 ? args[3] : Languages.English;
                knowledge = await LoadAsync(services, cancellationToken);
                while (await input.ReadLineAsync(cancellationToken) is { } query)
                {
                    var result = await knowledge.SearchAsync(query, language, KnowledgeEndpoints.ResultCount, cancellationToken);
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        query,
                        matched = result.Matched,
                        results = result.Results.Select(r => new { slug = r.Article.Slug, topic = r.Article.Topic, score = Math.Round(r.Score, 4) }),
                    }, Json));
                }

                return 0;
            default:
                await error.WriteLineAsync("Usage: kb list | kb search [--lang en|es] (queries on standard input, one per line)");
                return 2;
        }
    }

    private static async Task<KnowledgeBase> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        var knowledge = services.GetRequiredService<KnowledgeBase>();
        await knowledge.ReloadAsync(cancellationToken);
        return knowledge;
    }
}
