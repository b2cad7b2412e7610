using Bot.Data.Insights.Summaries;
using Bot.Data.Tickets;
using Dapper;

namespace Bot.Data.Insights;

/// <summary>
/// What the bot fixed on its own: per topic, resolutions by the bot against tickets (the deflection); per article, fixed
/// against "not fixed" (a ticket escalated from that article); and how people rated the help.
/// </summary>
/// <remarks>
/// With the district's calendar, tickets per topic and per article over whole local days not narrowed to a school are
/// counted from the daily summaries (<see cref="TicketDaySummaries"/>); without it (or otherwise), from the tickets.
/// </remarks>
public sealed class SelfServiceInsights(Database database, BusinessCalendar? calendar = null, TicketDaySummaries? summaries = null)
{
    // Self-service resolutions have no category or person of their own: the category is the topic's (as the targets
    // table maps it) and the school is that of the people known by the conversation's address. The range is read from
    // the resolutions only at its ends, before and after the whole UTC months that self_service_months adds up (0020).
    private const string ResolutionConditions = """
        ((r.resolved_at >= @From AND r.resolved_at < @MonthsFrom) OR (r.resolved_at >= @MonthsTo AND r.resolved_at < @To))
        AND (@Channel IS NULL OR EXISTS (SELECT 1 FROM conversations c WHERE c.id = r.conversation_id AND c.channel = @Channel))
        AND (@Category IS NULL OR EXISTS (SELECT 1 FROM sla_policies sp WHERE sp.topic = r.topic AND sp.category = @Category))
        AND (@SchoolId IS NULL OR EXISTS (
            SELECT 1 FROM conversations c
            JOIN person_addresses pa ON pa.channel = c.channel AND pa.address = c.address
            JOIN person_schools ps ON ps.person_id = pa.person_id
            WHERE c.id = r.conversation_id AND ps.school_id = @SchoolId))
        """;

    private const string MonthConditions = """
        m.month >= @MonthsFrom AND m.month < @MonthsTo
        AND (@Channel IS NULL OR m.channel = @Channel)
        AND (@Category IS NULL OR EXISTS (SELECT 1 FROM sla_policies sp WHERE sp.topic = m.topic AND sp.category = @Category))
        """;

    // {column}: what is counted by; {r} and {m}: a condition of the report's own on the resolutions and on the months.
    private const string ResolutionsBySql = """
        SELECT x.Label, CAST(SUM(x.Count) AS BIGINT) AS Count
        FROM (SELECT r.{column} AS Label, COUNT(*) AS Count FROM self_service_resolutions r WHERE {r}
        """ + ResolutionConditions + """
         GROUP BY r.{column}
              UNION ALL
              SELECT m.{column} AS Label, CAST(SUM(m.resolutions) AS BIGINT) AS Count FROM self_service_months m WHERE {m}
        """ + MonthConditions + """
         GROUP BY m.{column}) x
        GROUP BY x.Label
        """;

    private static readonly string ResolutionsByTopicSql = ResolutionsBy("topic", "", "");

    private static readonly string ResolutionsByArticleSql = ResolutionsBy("article_slug", "", "");

    private static readonly string RatingsSql = ResolutionsBy("rating", "r.rating IS NOT NULL AND ", "m.rating > 0 AND ");

    private const string TicketsByTopicSql = "SELECT t.topic AS Label, COUNT(*) AS Count FROM tickets t WHERE "
        + InsightsFilter.CreatedTickets + " GROUP BY t.topic";

    private const string SummaryTicketsByTopicSql = "SELECT d.label AS Label, CAST(SUM(d.tickets) AS BIGINT) AS Count FROM ticket_day_labels d WHERE d.dimension = 'topic' AND "
        + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions + " GROUP BY d.label";

    // Escalated tickets are read from their own partial index (migration 0017): the condition on article_slug is its own.
    // Over whole local days not narrowed to a school, they are counted from the daily summaries (0021) instead.
    private const string SummaryEscalationsByArticleSql = "SELECT d.label AS Label, CAST(SUM(d.tickets) AS BIGINT) AS Count FROM ticket_day_labels d WHERE d.dimension = 'article' AND "
        + SummaryDays.DayConditions + " AND " + SummaryDays.ChannelAndCategoryConditions + " GROUP BY d.label";

    private const string EscalationsByArticleSql = "SELECT t.article_slug AS Label, COUNT(*) AS Count FROM tickets t WHERE t.article_slug IS NOT NULL AND "
        + InsightsFilter.CreatedTickets + " GROUP BY t.article_slug";

    private readonly TicketDaySummaries? days = calendar is null ? null : summaries ?? new TicketDaySummaries(database, calendar);

    /// <summary>Per topic, most conversations first.</summary>
    public async Task<IReadOnlyList<TopicDeflection>> ByTopicAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var covered = await CoveredAsync(filter, cancellationToken);
        var (resolved, tickets) = covered is not null
            ? await PairAsync(filter, ResolutionsByTopicSql, SummaryTicketsByTopicSql, covered.Parameters(filter), cancellationToken)
            : await PairAsync(filter, ResolutionsByTopicSql, TicketsByTopicSql, filter.Parameters, cancellationToken);
        return [.. resolved.Keys.Union(tickets.Keys)
            .Select(topic => new TopicDeflection(topic, resolved.GetValueOrDefault(topic), tickets.GetValueOrDefault(topic)))
            .OrderByDescending(row => row.ResolvedByBot + row.Tickets).ThenBy(row => row.Topic, StringComparer.Ordinal)];
    }

    /// <summary>Per article, the ones that fail most often first.</summary>
    public async Task<IReadOnlyList<ArticleOutcome>> ByArticleAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var covered = await CoveredAsync(filter, cancellationToken);
        var (fixedBy, notFixed) = covered is not null
            ? await PairAsync(filter, ResolutionsByArticleSql, SummaryEscalationsByArticleSql, covered.Parameters(filter), cancellationToken)
            : await PairAsync(filter, ResolutionsByArticleSql, EscalationsByArticleSql, filter.Parameters, cancellationToken);
        return [.. fixedBy.Keys.Union(notFixed.Keys)
            .Select(slug => new ArticleOutcome(slug, fixedBy.GetValueOrDefault(slug), notFixed.GetValueOrDefault(slug)))
            .OrderByDescending(row => row.NotFixed).ThenBy(row => row.Fixed).ThenBy(row => row.Article, StringComparer.Ordinal)];
    }

    public async Task<RatingSummary> RatingsAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RatingCount>(new CommandDefinition(RatingsSql, ResolutionParameters(filter), cancellationToken: cancellationToken));
        var counts = new long[5];
        foreach (var row in rows)
        {
            counts[row.Label - 1] = row.Count;
        }

        return new RatingSummary(counts);
    }

    private async Task<(Dictionary<string, long> Resolved, Dictionary<string, long> Tickets)> PairAsync(
        InsightsFilter filter, string resolvedSql, string ticketsSql, object ticketsParameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var resolved = await connection.QueryAsync<LabelCount>(new CommandDefinition(resolvedSql, ResolutionParameters(filter), cancellationToken: cancellationToken));
        var tickets = await connection.QueryAsync<LabelCount>(new CommandDefinition(ticketsSql, ticketsParameters, cancellationToken: cancellationToken));
        return (resolved.ToDictionary(row => row.Label, row => row.Count, StringComparer.Ordinal), tickets.ToDictionary(row => row.Label, row => row.Count, StringComparer.Ordinal));
    }

    /// <summary>The days the daily summaries answer for the filter, brought up to date; null when the tickets must.</summary>
    private async Task<SummaryDays?> CoveredAsync(InsightsFilter filter, CancellationToken cancellationToken)
    {
        var covered = calendar is null ? null : SummaryDays.Of(filter, calendar);
        if (covered is not null && days is not null)
        {
            await days.EnsureCurrentAsync(cancellationToken);
        }

        return covered;
    }

    private static string ResolutionsBy(string column, string resolutionCondition, string monthCondition) => ResolutionsBySql
        .Replace("{column}", column, StringComparison.Ordinal)
        .Replace("{r}", resolutionCondition, StringComparison.Ordinal)
        .Replace("{m}", monthCondition, StringComparison.Ordinal);

    /// <summary>
    /// The filter's parameters and the whole UTC months inside its range (@MonthsFrom to @MonthsTo). Without any, or
    /// for a report narrowed to a school (the months do not know schools), both are its end: the resolutions answer it all.
    /// </summary>
    private static DynamicParameters ResolutionParameters(InsightsFilter filter)
    {
        var first = MonthStart(filter.From);
        first = first < filter.From ? first.AddMonths(1) : first;
        var last = MonthStart(filter.To);
        var whole = filter.SchoolId is null && first < last;
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.Add("MonthsFrom", whole ? first : filter.To);
        parameters.Add("MonthsTo", whole ? last : filter.To);
        return parameters;
    }

    private static DateTimeOffset MonthStart(DateTimeOffset instant) => new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record LabelCount
    {
        public string Label { get; init; } = "";

        public long Count { get; init; }
    }

    private sealed record RatingCount
    {
        /// <summary>The rating, 1 to 5 (the query's label).</summary>
        public long Label { get; init; }

        public long Count { get; init; }
    }
}

/// <summary>A topic's conversations: fixed by the bot, or turned into tickets. The deflection is the bot's share.</summary>
public sealed record TopicDeflection(string Topic, long ResolvedByBot, long Tickets)
{
    public double Deflection => ResolvedByBot + Tickets == 0 ? 0 : (double)ResolvedByBot / (ResolvedByBot + Tickets);
}

/// <summary>An article's outcomes: "that fixed it", or escalated to a ticket after it.</summary>
public sealed record ArticleOutcome(string Article, long Fixed, long NotFixed)
{
    public double FailureShare => Fixed + NotFixed == 0 ? 0 : (double)NotFixed / (Fixed + NotFixed);
}

/// <summary>How many gave each rating, 1 to 5 (<see cref="Counts"/>[0] is the number of 1s).</summary>
public sealed record RatingSummary(IReadOnlyList<long> Counts)
{
    public long Rated => Counts.Sum();

    public double? Average => Rated == 0 ? null : Counts.Select((count, index) => count * (index + 1.0)).Sum() / Rated;
}
