using System.Globalization;
using Bot.Data.Tickets;
using Bot.Dialogs.Knowledge;

namespace Bot.Channels.WebChat;

/// <summary>
/// The desk's business hours as the page says them: "Monday to Friday, 7:30 AM to 4:30 PM, Chicago time",
/// "De lunes a viernes, de 7:30 a. m. a 4:30 p. m., hora de Chicago".
/// </summary>
public static class HelpHours
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-US");

    public static string Describe(CalendarOptions calendar, string language)
    {
        var spanish = language == Languages.Spanish;
        var culture = spanish ? Spanish : English;
        var days = calendar.WorkDays.Distinct().OrderBy(MondayFirst).ToList();
        var names = days.Select(day => culture.DateTimeFormat.GetDayName(day)).ToList();
        var consecutive = days.Count >= 3 && days.Zip(days.Skip(1)).All(pair => MondayFirst(pair.Second) == MondayFirst(pair.First) + 1);
        var city = City(calendar.TimeZone);
        if (spanish)
        {
            var when = consecutive ? $"De {names[0]} a {names[^1]}" : Capitalised(Listed(names, " y "));
            return $"{when}, de {SpanishTime(calendar.DayStart)} a {SpanishTime(calendar.DayEnd)}, hora de {city}";
        }

        var englishWhen = consecutive ? $"{names[0]} to {names[^1]}" : Listed(names, " and ");
        return $"{englishWhen}, {calendar.DayStart.ToString("h:mm tt", English)} to {calendar.DayEnd.ToString("h:mm tt", English)}, {city} time";
    }

    private static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;

    private static string Listed(List<string> names, string and) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])}{and}{names[^1]}";

    private static string Capitalised(string text) => string.Concat(text[..1].ToUpper(Spanish), text[1..]);

    /// <summary>Written as Spanish-speaking US readers expect, whatever the runtime's culture data says.</summary>
    private static string SpanishTime(TimeOnly time) =>
        $"{time.ToString("h:mm", Spanish)} {(time.Hour < 12 ? "a. m." : "p. m.")}";

    /// <summary>"America/Chicago" is "Chicago": a city people know, where an IANA id or an abbreviation would puzzle them.</summary>
    private static string City(string timeZone) => timeZone[(timeZone.LastIndexOf('/') + 1)..].Replace('_', ' ');
}
