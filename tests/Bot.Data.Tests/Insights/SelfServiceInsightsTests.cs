using Bot.Data.Insights;
using Bot.Data.Tickets;
using Bot.Testing;
using Dapper;

namespace Bot.Data.Tests.Insights;

/// <summary>
/// In range on <see cref="InsightsSample"/>: the bot fixed wifi twice (R1, R2), screen once (R3) and login_password once (R4);
/// tickets were opened for screen (T1, T5), wifi (T2, T3), lms (T4) and login_password (T6). T2 and T3 came after the
/// wifi-reconnect article, T4 after lms-cache. R5 is before the range.
/// </summary>
public class SelfServiceInsightsTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deflection_per_topic_is_the_bots_share_of_the_topics_conversations(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var insights = new SelfServiceInsights(test.Database, InsightsSample.Calendar);

        var topics = await insights.ByTopicAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        Assert.Equal(
            [new TopicDeflection("wifi", 2, 2), new TopicDeflection("screen", 1, 2), new TopicDeflection("login_password", 1, 1), new TopicDeflection("lms", 0, 1)],
            topics);
        Assert.Equal([0.5, 1.0 / 3, 0.5, 0.0], topics.Select(t => t.Deflection));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Articles_that_fail_most_often_come_first(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var insights = new SelfServiceInsights(test.Database, InsightsSample.Calendar);

        var articles = await insights.ByArticleAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        Assert.Equal(
            [new ArticleOutcome("wifi-reconnect", 2, 2), new ArticleOutcome("lms-cache", 0, 1), new ArticleOutcome("password-reset", 1, 0), new ArticleOutcome("screen-flicker", 1, 0)],
            articles);
        Assert.Equal([0.5, 1.0, 0.0, 0.0], articles.Select(a => a.FailureShare));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ratings_are_counted_per_score_and_averaged_over_those_who_rated(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var insights = new SelfServiceInsights(test.Database, InsightsSample.Calendar);

        var ratings = await insights.RatingsAsync(new InsightsFilter(InsightsSample.From, InsightsSample.To), CancellationToken.None);

        Assert.Equal([1L, 0L, 0L, 1L, 1L], ratings.Counts);
        Assert.Equal(3, ratings.Rated);
        Assert.Equal((1 + 4 + 5) / 3.0, ratings.Average);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Channel_category_and_school_filters_apply_to_the_bots_resolutions_too(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        var insights = new SelfServiceInsights(test.Database, InsightsSample.Calendar);
        var all = new InsightsFilter(InsightsSample.From, InsightsSample.To);
        var lincoln = await TicketVolumeTests.SchoolIdAsync(test.Database, "Lincoln");

        var sms = await insights.ByTopicAsync(all with { Channel = "sms" }, CancellationToken.None);
        var network = await insights.ByTopicAsync(all with { Category = "network" }, CancellationToken.None);
        var lincolnRatings = await insights.RatingsAsync(all with { SchoolId = lincoln }, CancellationToken.None);

        // SMS: R1, R2, R4 and tickets T1, T3, T5. Network is wifi's category. Lincoln is Ana's school: R1 and R4 were hers.
        Assert.Equal([new TopicDeflection("wifi", 2, 1), new TopicDeflection("screen", 0, 2), new TopicDeflection("login_password", 1, 0)], sms);
        Assert.Equal([new TopicDeflection("wifi", 2, 2)], network);
        Assert.Equal([1L, 0L, 0L, 0L, 1L], lincolnRatings.Counts);
    }

    /// <summary>
    /// From 1 October: November (UTC) is a whole month, counted from the monthly summary (0020); October and December
    /// are read from the resolutions. In November, R1 is deleted, R2 is rated again (4, then 3) and R6 (lms-cache, web
    /// chat, 5) is added, so the summary is right only if its triggers followed. R5 (October, 2) is now in range.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Whole_months_come_from_the_monthly_summary_as_its_triggers_keep_it(StorageProvider provider)
    {
        await using var test = await InsightsSample.CreateAsync(provider);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DELETE FROM self_service_resolutions WHERE resolved_at = @At", new { At = InsightsSample.Local("2026-11-05 10:00") });
            var web = await connection.ExecuteScalarAsync<long>("SELECT id FROM conversations WHERE address = 'web-ben'");
            await connection.ExecuteAsync(
                "INSERT INTO self_service_resolutions (conversation_id, article_slug, language, topic, resolved_at, rating) VALUES (@Web, 'lms-cache', 'en', 'lms', @At, 5)",
                new { Web = web, At = InsightsSample.Local("2026-11-20 10:00") });
            var r2 = await connection.ExecuteScalarAsync<long>("SELECT id FROM self_service_resolutions WHERE resolved_at = @At", new { At = InsightsSample.Local("2026-11-12 10:00") });
            await new SelfServiceStore(test.Database, TimeProvider.System).RateAsync(r2, 3, CancellationToken.None);
        }

        var insights = new SelfServiceInsights(test.Database, InsightsSample.Calendar);
        var all = new InsightsFilter(InsightsSample.Calendar.StartOfDay(new DateOnly(2026, 10, 1)), InsightsSample.To);

        Assert.Equal([1L, 1L, 1L, 0L, 1L], (await insights.RatingsAsync(all, CancellationToken.None)).Counts);
        Assert.Equal([0L, 1L, 1L, 0L, 0L], (await insights.RatingsAsync(all with { Category = "network" }, CancellationToken.None)).Counts);
        Assert.Equal(
            [new ArticleOutcome("wifi-reconnect", 2, 2), new ArticleOutcome("lms-cache", 1, 1), new ArticleOutcome("password-reset", 1, 0), new ArticleOutcome("screen-flicker", 1, 0)],
            await insights.ByArticleAsync(all, CancellationToken.None));
        Assert.Equal(
            [new ArticleOutcome("wifi-reconnect", 0, 1), new ArticleOutcome("lms-cache", 1, 1), new ArticleOutcome("screen-flicker", 1, 0)],
            await insights.ByArticleAsync(all with { Channel = "webchat" }, CancellationToken.None));
    }
}
