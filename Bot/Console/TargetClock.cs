using System.Globalization;

namespace Bot.Console;

/// <summary>How a ticket stands against its target: on track, at risk (under an hour or a quarter of its time left), or breached.</summary>
public static class TargetClock
{
    public static (string State, string Text) Describe(DateTimeOffset createdAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var left = dueAt - now;
        if (left < TimeSpan.Zero)
        {
            return ("breached", $"breached {Span(-left)} ago");
        }

        var atRisk = left < TimeSpan.FromHours(1) || left < (dueAt - createdAt) / 4;
        return (atRisk ? "at risk" : "on track", $"due in {Span(left)}");
    }

    private static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min"),
    };
}
