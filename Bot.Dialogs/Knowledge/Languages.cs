namespace Bot.Dialogs.Knowledge;

public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static IReadOnlyList<string> All { get; } = [English, Spanish];

    public static bool IsSupported(string? language) => language is English or Spanish;

    /// <summary>The desk's language for a locale (<c>es-US</c> → <c>es</c>), or null when it speaks no such language.</summary>
    public static string? FromLocale(string? locale) => locale?.Split('-')[0].ToLowerInvariant() switch
    {
        English => English,
        Spanish => Spanish,
        _ => null,
    };
}
