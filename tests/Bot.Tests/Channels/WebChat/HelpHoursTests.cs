using Bot.Channels.WebChat;
using Bot.Data.Tickets;

namespace Bot.Tests.Channels.WebChat;

public class HelpHoursTests
{
    [Fact]
    public void The_default_calendar_reads_as_weekdays_with_times_and_the_time_zone_city_in_both_languages()
    {
        var calendar = new CalendarOptions();

        Assert.Equal("Monday to Friday, 7:30 AM to 4:30 PM, Chicago time", HelpHours.Describe(calendar, "en"));
        Assert.Equal("De lunes a viernes, de 7:30 a. m. a 4:30 p. m., hora de Chicago", HelpHours.Describe(calendar, "es"));
    }

    [Fact]
    public void Days_that_do_not_follow_each_other_are_listed_in_week_order()
    {
        var calendar = new CalendarOptions
        {
            TimeZone = "America/Los_Angeles",
            DayStart = new(8, 0),
            DayEnd = new(12, 15),
            WorkDays = [DayOfWeek.Thursday, DayOfWeek.Monday, DayOfWeek.Tuesday],
        };

        Assert.Equal("Monday, Tuesday and Thursday, 8:00 AM to 12:15 PM, Los Angeles time", HelpHours.Describe(calendar, "en"));
        Assert.Equal("Lunes, martes y jueves, de 8:00 a. m. a 12:15 p. m., hora de Los Angeles", HelpHours.Describe(calendar, "es"));
    }
}
