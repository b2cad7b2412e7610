using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Tests.Knowledge;

public class SentenceEmbedderTests
{
    [Fact]
    public void A_repeated_query_gets_the_vector_the_model_gives_computed_once()
    {
        var embedder = new SentenceEmbedder();

        var first = embedder.EmbedQuery("my chromebook won't charge", CancellationToken.None);
        var again = embedder.EmbedQuery("my chromebook won't charge", CancellationToken.None);
        var other = embedder.EmbedQuery("my chromebook won't charge!", CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal(embedder.Embed(["my chromebook won't charge"], CancellationToken.None)[0], first);
        Assert.NotSame(first, other);
        Assert.Equal(2, embedder.CachedQueries);
    }

    [Fact]
    public void Remembered_queries_stay_within_the_bound()
    {
        var embedder = new SentenceEmbedder(queryCacheSize: 3);

        for (var i = 0; i < 7; i++)
        {
            embedder.EmbedQuery($"query {i}", CancellationToken.None);
            Assert.InRange(embedder.CachedQueries, 1, 3);
        }
    }
}
