namespace Bot.Data.Tickets;

/// <summary>
/// The district's business calendar (<c>Desk:Calendar</c>): targets count only school-day hours in the district's
/// time zone, skipping weekends and holidays.
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Desk:Calendar";

    /// <summary>An IANA time zone id, e.g. <c>America/Chicago</c>.</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    public TimeOnly DayStart { get; set; } = new(7, 30);

    public TimeOnly DayEnd { get; set; } = new(16, 30);

    public List<DayOfWeek> WorkDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public List<DateOnly> Holidays { get; set; } = [];
}
