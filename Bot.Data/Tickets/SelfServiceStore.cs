namespace Bot.Data.Tickets;

/// <summary>Problems the bot's articles fixed without a ticket, and how people rated the help: the deflection figures.</summary>
public sealed class SelfServiceStore(Database database, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO self_service_resolutions (conversation_id, article_slug, language, topic, resolved_at)
        VALUES (@ConversationId, @ArticleSlug, @Language, @Topic, @At)
        RETURNING id
        """;

    private const string RateSql = "UPDATE self_service_resolutions SET rating = @Rating WHERE id = @Id";

    /// <summary>Records a fix at once (the survey that follows needs its id), sharing a commit with other writers.</summary>
    public Task<long> RecordAsync(long conversationId, string articleSlug, string language, string topic, CancellationToken cancellationToken)
    {
        var args = new { ConversationId = conversationId, ArticleSlug = articleSlug, Language = language, Topic = topic, At = time.GetUtcNow() };
        return database.InTransactionAsync((transaction, token) => transaction.ScalarAsync<long>(InsertSql, args, token), cancellationToken);
    }

    /// <summary>Rates a fix; inside a turn the rating commits with the turn's state, so the survey ends with it.</summary>
    public Task RateAsync(long id, int rating, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        return TurnWrites.AddOrCommitAsync(
            database, (transaction, token) => transaction.ExecuteAsync(RateSql, new { Id = id, Rating = rating }, token), keepIfTurnFails: false, cancellationToken);
    }
}
