namespace Bot.Dialogs.Knowledge;

public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static IReadOnlyList<string> All { get; } = [English, Spanish];

    public static bool IsSupported(string? language) => language is English or Spanish;
}
