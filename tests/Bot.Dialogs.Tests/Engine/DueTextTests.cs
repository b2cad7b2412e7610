using Bot.Data.Tickets;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Tests.Engine;

public class DueTextTests
{
    private static readonly BusinessCalendar Calendar = new(new CalendarOptions { TimeZone = "America/Chicago" });

    // Tuesday 2026-12-01 10:00 in Chicago.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, 30, "en", "by 3:30 pm today")]
    [InlineData(24, 0, "en", "by 10 am tomorrow")]
    [InlineData(72, 0, "en", "by 10 am on Friday")]
    [InlineData(24 * 9, 0, "en", "by 10 am on December 10")]
    [InlineData(5, 30, "es", "antes de las 3:30 p. m. de hoy")]
    [InlineData(27, 0, "es", "antes de la 1 p. m. de mañana")]
    [InlineData(72, 0, "es", "antes de las 10 a. m. del viernes")]
    public void Due_times_read_as_people_say_them(int hours, int minutes, string language, string expected) =>
        Assert.Equal(expected, DueText.Describe(Now.AddHours(hours).AddMinutes(minutes), Now, Calendar, language));
}
