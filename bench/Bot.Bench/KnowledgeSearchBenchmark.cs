using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Data;
using Bot.Data.Knowledge;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Bench;

/// <summary>
/// Topic accuracy (top-1, top-3) of knowledge-base search on labelled messages, for lexical, semantic and hybrid
/// ranking; search latency; and peak memory with semantic search on and off (each in a process of its own).
/// A message labelled "none" counts as right when search says "no match".
/// </summary>
internal static class KnowledgeSearchBenchmark
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "data");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(StorageProvider provider, double? threshold)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var options = new KnowledgeOptions { Semantic = true };
        if (threshold is { } value)
        {
            options.MatchThreshold = value;
        }

        var knowledge = await LoadAsync(database, options);
        System.Console.WriteLine($"{knowledge.Articles.Count} articles on {provider}; match threshold {options.MatchThreshold:F2}");
        System.Console.WriteLine("top-1/top-3: a 'none' message is right when search says no match; rank@1/rank@3: problem messages only, ignoring the threshold.");
        System.Console.WriteLine($"{"set",-8} {"mode",-9} {"messages",8} {"top-1",7} {"top-3",7} {"none→human",11} {"fix→human",10} {"rank@1",7} {"rank@3",7}");
        foreach (var set in new[] { "dev", "heldout" })
        {
            var messages = Load(set);
            foreach (var mode in new[] { SearchMode.Lexical, SearchMode.Semantic, SearchMode.Hybrid })
            {
                var score = await ScoreAsync(knowledge, messages, mode);
                System.Console.WriteLine($"{set,-8} {mode,-9} {messages.Count,8} {score.Top1,7:P1} {score.Top3,7:P1} {score.NoneRouted,11:P1} {score.FixesRouted,10:P1} {score.Rank1,7:P1} {score.Rank3,7:P1}");
            }
        }

        var all = Load("dev").Concat(Load("heldout")).ToList();
        foreach (var mode in new[] { SearchMode.Lexical, SearchMode.Hybrid })
        {
            // A fresh embedder each time: it remembers query vectors, so the searches above would all be repeats.
            var searcher = await LoadAsync(database, options);
            foreach (var label in new[] { "new", "repeated" })
            {
                var latencies = new List<double>();
                foreach (var message in all)
                {
                    var clock = Stopwatch.StartNew();
                    await searcher.SearchAsync(message.Text, message.Language, 3, mode, CancellationToken.None);
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }

                latencies.Sort();
                System.Console.WriteLine($"latency {mode,-8} {label,-8} queries: median {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms over {latencies.Count} searches");
            }
        }

        foreach (var semantic in new[] { false, true })
        {
            System.Console.WriteLine($"peak memory, semantic {(semantic ? "on" : "off")}: {MeasureMemoryInChild(provider, semantic)}");
        }
    }

    /// <summary>Threshold sweep on one set, to choose <see cref="KnowledgeOptions.MatchThreshold"/> on dev data only.</summary>
    public static async Task SweepAsync(StorageProvider provider, string set)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var options = new KnowledgeOptions { Semantic = true };
        var knowledge = await LoadAsync(database, options);
        var messages = Load(set);
        foreach (var weight in new[] { 0.4, 0.5, 0.6 })
        {
            foreach (var scale in new[] { 0.5, 1.0, 2.0, 4.0 })
            {
                var best = (Top1: 0.0, Line: string.Empty);
                for (var threshold = 0.20; threshold <= 0.70; threshold += 0.02)
                {
                    (options.SemanticWeight, options.LexicalScaleFactor, options.MatchThreshold) = (weight, scale, threshold);
                    var score = await ScoreAsync(knowledge, messages, SearchMode.Hybrid);
                    if (score.Top1 > best.Top1)
                    {
                        best = (score.Top1, $"weight {weight:F1} scale {scale:F1} threshold {threshold:F2}: top-1 {score.Top1:P1} top-3 {score.Top3:P1} none→human {score.NoneRouted:P1} fix→human {score.FixesRouted:P1}");
                    }
                }

                System.Console.WriteLine(best.Line);
            }
        }
    }

    /// <summary>Runs in a child process: loads the knowledge base, searches every message, prints the peak working set.</summary>
    public static async Task MemoryChildAsync(StorageProvider provider, bool semantic)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var knowledge = await LoadAsync(database, new KnowledgeOptions { Semantic = semantic });
        foreach (var message in Load("dev"))
        {
            await knowledge.SearchAsync(message.Text, message.Language, 3, CancellationToken.None);
        }

        using var process = Process.GetCurrentProcess();
        System.Console.WriteLine($"{process.PeakWorkingSet64 / (1024 * 1024)} MB");
    }

    private static async Task<KnowledgeBase> LoadAsync(TestDatabase database, KnowledgeOptions options)
    {
        var knowledge = new KnowledgeBase(new KnowledgeStore(database.Database, TimeProvider.System), new SentenceEmbedder(), Options.Create(options), NullLogger<KnowledgeBase>.Instance);
        await knowledge.ReloadAsync(CancellationToken.None);
        return knowledge;
    }

    private static string MeasureMemoryInChild(StorageProvider provider, bool semantic)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(KnowledgeSearchBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "kb-memory", provider.ToString(), semantic ? "on" : "off" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        return output;
    }

    private static async Task<Score> ScoreAsync(KnowledgeBase knowledge, IReadOnlyList<LabelledMessage> messages, SearchMode mode)
    {
        int top1 = 0, top3 = 0, none = 0, noneRouted = 0, fixes = 0, fixesRouted = 0, rank1 = 0, rank3 = 0;
        foreach (var message in messages)
        {
            // Top-3 counts topics: two articles of one topic (Chromebook and Windows) are one guess.
            var result = await knowledge.SearchAsync(message.Text, message.Language, 6, mode, CancellationToken.None);
            var ranked = result.Results.Select(r => r.Article.Topic).Distinct().Take(3).ToList();
            var topics = result.Matched ? ranked : [];
            if (message.Topic == "none")
            {
                none++;
                noneRouted += result.Matched ? 0 : 1;
                top1 += result.Matched ? 0 : 1;
                top3 += result.Matched ? 0 : 1;
                continue;
            }

            fixes++;
            fixesRouted += result.Matched ? 0 : 1;
            rank1 += ranked.Count > 0 && ranked[0] == message.Topic ? 1 : 0;
            rank3 += ranked.Contains(message.Topic) ? 1 : 0;
            top1 += topics.Count > 0 && topics[0] == message.Topic ? 1 : 0;
            top3 += topics.Contains(message.Topic) ? 1 : 0;
        }

        return new Score(
            (double)top1 / messages.Count,
            (double)top3 / messages.Count,
            none == 0 ? 0 : (double)noneRouted / none,
            fixes == 0 ? 0 : (double)fixesRouted / fixes,
            fixes == 0 ? 0 : (double)rank1 / fixes,
            fixes == 0 ? 0 : (double)rank3 / fixes);
    }

    private static List<LabelledMessage> Load(string set) =>
        File.ReadLines(Path.Combine(DataFolder, $"kb-{set}.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<LabelledMessage>(line, Json)!)
            .ToList();

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record LabelledMessage(string Text, string Topic, string Language, string Who);

    private sealed record Score(double Top1, double Top3, double NoneRouted, double FixesRouted, double Rank1 = 0, double Rank3 = 0);
}
