using System.Globalization;
using Bot.Data.Tickets;
using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Engine;

/// <summary>A due time as people say it, in the district's time zone: "by 3:30 pm tomorrow", "antes de las 9:00 a. m. del lunes".</summary>
public static class DueText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-US");

    public static string Describe(DateTimeOffset due, DateTimeOffset now, BusinessCalendar calendar, string language)
    {
        var local = calendar.ToLocal(due);
        var today = calendar.ToLocal(now).Date;
        var days = (local.Date - today).Days;
        return language == Languages.Spanish ? DescribeSpanish(local, days) : DescribeEnglish(local, days);
    }

    private static string DescribeEnglish(DateTime local, int days)
    {
        var time = local.ToString(local.Minute == 0 ? "h tt" : "h:mm tt", English).ToLowerInvariant();
        var day = days switch
        {
            0 => "today",
            1 => "tomorrow",
            < 7 => local.ToString("dddd", English),
            _ => local.ToString("MMMM d", English),
        };
        return days is 0 or 1 ? $"by {time} {day}" : $"by {time} on {day}";
    }

    private static string DescribeSpanish(DateTime local, int days)
    {
        var hour = local.ToString(local.Minute == 0 ? "%h" : "h:mm", Spanish);
        var time = $"{hour} {(local.Hour < 12 ? "a. m." : "p. m.")}";
        var article = local.Hour % 12 == 1 ? "la" : "las";
        var day = days switch
        {
            0 => "de hoy",
            1 => "de mañana",
            < 7 => $"del {local.ToString("dddd", Spanish)}",
            _ => $"del {local.ToString("d 'de' MMMM", Spanish)}",
        };
        return $"antes de {article} {time} {day}";
    }
}
