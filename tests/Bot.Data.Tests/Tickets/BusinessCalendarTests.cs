using Bot.Data.Tickets;

namespace Bot.Data.Tests.Tickets;

public class BusinessCalendarTests
{
    // Chicago is UTC-6 in winter (CST) and UTC-5 in summer (CDT). 2026-12-01 is a Tuesday.
    private static readonly BusinessCalendar Calendar = new(new CalendarOptions
    {
        TimeZone = "America/Chicago",
        DayStart = new TimeOnly(7, 30),
        DayEnd = new TimeOnly(16, 30),
        Holidays = [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)],
    });

    [Theory]
    [InlineData("2026-12-01 10:00", "1h", "2026-12-01 11:00")] // within the day
    [InlineData("2026-12-01 16:00", "1h", "2026-12-02 08:00")] // across the night: 30 min today, 30 tomorrow
    [InlineData("2026-12-01 20:00", "4h", "2026-12-02 11:30")] // asked after hours: the clock starts at opening
    [InlineData("2026-12-01 05:00", "1h", "2026-12-01 08:30")] // asked before opening
    [InlineData("2026-12-04 15:00", "4h", "2026-12-07 10:00")] // Friday afternoon: 1.5 h Friday, 2.5 h Monday
    [InlineData("2026-12-05 12:00", "8h", "2026-12-07 15:30")] // Saturday: Monday's whole day
    [InlineData("2026-12-24 16:00", "1h", "2026-12-29 08:00")] // Christmas Eve: past Christmas, the weekend and the 28th
    [InlineData("2026-12-01 10:00", "9h", "2026-12-02 10:00")] // exactly one business day of hours
    [InlineData("2026-12-01 10:00", "1d", "2026-12-02 10:00")] // one day: same time next business day
    [InlineData("2026-12-04 10:00", "1d", "2026-12-07 10:00")] // Friday + 1 day = Monday
    [InlineData("2026-12-23 12:00", "2d", "2026-12-29 12:00")] // 24th, then skip the 25th, weekend and 28th
    [InlineData("2026-12-04 18:00", "1d", "2026-12-08 07:30")] // after hours Friday: opens Monday 7:30, +1 day
    public void Targets_count_only_business_time(string startLocal, string target, string expectedLocal)
    {
        var start = Local(startLocal);

        var due = Calendar.Add(start, SlaTarget.Parse(target));

        Assert.Equal(Local(expectedLocal), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Targets_cross_the_change_to_daylight_saving_time()
    {
        // Friday 2026-03-06 16:00 CST; clocks go forward on Sunday 2026-03-08. Monday 08:00 is CDT (UTC-5).
        var due = Calendar.Add(Local("2026-03-06 16:00"), SlaTarget.Parse("1h"));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), due);
    }

    [Theory]
    [InlineData("2026-12-01 10:00", "2026-12-01 11:30", 1.5)] // within the day
    [InlineData("2026-12-01 05:00", "2026-12-01 20:00", 9.0)] // before opening to after closing: the whole day
    [InlineData("2026-12-01 16:00", "2026-12-02 08:00", 1.0)] // across the night: 30 min each side
    [InlineData("2026-12-04 15:00", "2026-12-07 10:00", 4.0)] // Friday 1.5 h, the weekend nothing, Monday 2.5 h
    [InlineData("2026-12-05 12:00", "2026-12-07 07:30", 0.0)] // Saturday to Monday's opening
    [InlineData("2026-12-04 18:00", "2026-12-05 10:00", 0.0)] // Friday evening to Saturday morning
    [InlineData("2026-12-24 16:00", "2026-12-29 08:00", 1.0)] // Christmas, the weekend and the 28th count nothing
    [InlineData("2026-12-23 12:00", "2026-12-29 12:00", 18.0)] // 4.5 h + 9 h on the 24th + 4.5 h
    [InlineData("2026-12-02 10:00", "2026-12-01 10:00", 0.0)] // an end before the start is no time
    public void Business_time_between_two_instants_counts_only_open_hours_of_business_days(string startLocal, string endLocal, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Calendar.BusinessTimeBetween(Local(startLocal), Local(endLocal)));

    [Fact]
    public void Business_time_between_crosses_the_change_to_daylight_saving_time()
    {
        // Friday 16:00 CST to Monday 08:00 CDT: half an hour each side, although the wall clock lost an hour on Sunday.
        var time = Calendar.BusinessTimeBetween(Local("2026-03-06 16:00"), Local("2026-03-09 08:00"));

        Assert.Equal(TimeSpan.FromHours(1), time);
    }

    [Fact]
    public void A_district_day_starts_at_local_midnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), Calendar.StartOfDay(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 5, 0, 0, TimeSpan.Zero), Calendar.StartOfDay(new DateOnly(2026, 7, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("0h")]
    [InlineData("2w")]
    [InlineData("-1d")]
    public void A_target_that_is_not_hours_or_days_is_refused(string text) =>
        Assert.Throws<FormatException>(() => SlaTarget.Parse(text));

    [Fact]
    public void A_day_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendar(new CalendarOptions { DayStart = new(17, 0), DayEnd = new(8, 0) }));

        Assert.Contains("DayEnd", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Local(string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Calendar.TimeZone), TimeSpan.Zero);
    }
}
