namespace Bot.Data.Insights;

/// <summary>
/// What every report looks at: tickets created (events and self-service resolutions recorded) from <see cref="From"/>
/// up to but not including <see cref="To"/>, optionally on one channel, in one category, or for one school's people.
/// </summary>
public sealed record InsightsFilter(DateTimeOffset From, DateTimeOffset To)
{
    public string? Channel { get; init; }

    public string? Category { get; init; }

    /// <summary>A school's id: tickets about a person enrolled or working there.</summary>
    public long? SchoolId { get; init; }

    /// <summary>The filter's conditions on tickets aliased <c>t</c> (parameters: @From, @To, @Channel, @Category, @SchoolId).</summary>
    internal const string TicketConditions = """
        (@Channel IS NULL OR t.channel = @Channel)
        AND (@Category IS NULL OR t.category = @Category)
        AND (@SchoolId IS NULL OR EXISTS (SELECT 1 FROM person_schools ps WHERE ps.person_id = t.person_id AND ps.school_id = @SchoolId))
        """;

    /// <summary><see cref="TicketConditions"/> for tickets created in the date range.</summary>
    internal const string CreatedTickets = "t.created_at >= @From AND t.created_at < @To AND " + TicketConditions;

    internal object Parameters => new { From, To, Channel, Category, SchoolId };
}
