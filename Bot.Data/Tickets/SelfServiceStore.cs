using Dapper;

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

    public async Task<long> RecordAsync(long conversationId, string articleSlug, string language, string topic, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            InsertSql,
            new { ConversationId = conversationId, ArticleSlug = articleSlug, Language = language, Topic = topic, At = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task RateAsync(long id, int rating, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RateSql, new { Id = id, Rating = rating }, cancellationToken: cancellationToken));
    }
}
