namespace Bot.Data.Tickets;

/// <summary>
/// Adds business time on the district's calendar: hours count only between the day's start and end on work days
/// that are not holidays; a day is one whole business day (the same clock time on the next business day).
/// </summary>
public sealed class BusinessCalendar
{
    private readonly CalendarOptions options;
    private readonly HashSet<DateOnly> holidays;

    public BusinessCalendar(CalendarOptions options)
    {
        if (options.DayEnd <= options.DayStart)
        {
            throw new ArgumentException($"{CalendarOptions.Section}: DayEnd ({options.DayEnd}) must be after DayStart ({options.DayStart}).", nameof(options));
        }

        if (options.WorkDays.Count == 0)
        {
            throw new ArgumentException($"{CalendarOptions.Section}: WorkDays is empty; name at least one day.", nameof(options));
        }

        this.options = options;
        holidays = [.. options.Holidays];
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    }

    public TimeZoneInfo TimeZone { get; }

    public DateTimeOffset Add(DateTimeOffset start, SlaTarget target) =>
        target.Unit == SlaUnit.BusinessDays ? AddDays(start, target.Amount) : AddHours(start, TimeSpan.FromHours(target.Amount));

    public DateTimeOffset AddHours(DateTimeOffset start, TimeSpan duration)
    {
        var local = NextOpenMoment(ToLocal(start));
        var remaining = duration;
        while (true)
        {
            var closing = local.Date + options.DayEnd.ToTimeSpan();
            var available = closing - local;
            if (remaining <= available)
            {
                return ToUtc(local + remaining);
            }

            remaining -= available;
            local = NextOpenMoment(closing);
        }
    }

    public DateTimeOffset AddDays(DateTimeOffset start, int days)
    {
        var local = NextOpenMoment(ToLocal(start));
        var day = local.Date;
        for (var i = 0; i < days; i++)
        {
            day = NextBusinessDay(day.AddDays(1));
        }

        return ToUtc(day + local.TimeOfDay);
    }

    /// <summary>
    /// The business time between two instants: only the open hours of business days count, so a ticket raised on
    /// Friday evening and answered on Monday at opening took no business time. Zero when <paramref name="end"/> is not later.
    /// </summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        var (from, to) = (ToLocal(start), ToLocal(end));
        var total = TimeSpan.Zero;
        for (var day = from.Date; day <= to.Date; day = day.AddDays(1))
        {
            if (!IsBusinessDay(day))
            {
                continue;
            }

            var opening = Max(day + options.DayStart.ToTimeSpan(), from);
            var closing = Min(day + options.DayEnd.ToTimeSpan(), to);
            if (closing > opening)
            {
                total += closing - opening;
            }
        }

        return total;
    }

    /// <summary>The instant a district-local date begins (midnight in the district's time zone).</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>The district-local date and time of an instant.</summary>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    public bool IsBusinessDay(DateTime date) =>
        options.WorkDays.Contains(date.DayOfWeek) && !holidays.Contains(DateOnly.FromDateTime(date));

    /// <summary>The moment itself if the desk is open then, else the next opening.</summary>
    private DateTime NextOpenMoment(DateTime local)
    {
        var opening = local.Date + options.DayStart.ToTimeSpan();
        var closing = local.Date + options.DayEnd.ToTimeSpan();
        if (IsBusinessDay(local) && local >= opening && local < closing)
        {
            return local;
        }

        var day = IsBusinessDay(local) && local < opening ? local.Date : NextBusinessDay(local.Date.AddDays(1));
        return day + options.DayStart.ToTimeSpan();
    }

    private DateTime NextBusinessDay(DateTime date)
    {
        for (var i = 0; i < 366; i++, date = date.AddDays(1))
        {
            if (IsBusinessDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException("The calendar has no business day within a year; check WorkDays and Holidays.");
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1); // the hour skipped when clocks go forward
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, TimeZone), TimeSpan.Zero);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
