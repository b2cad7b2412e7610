namespace Bot.Dialogs.Knowledge;

/// <summary>A fix in the knowledge base, in one language: its steps are walked one at a time.</summary>
public sealed record Article(
    string Slug,
    string Language,
    string Topic,
    string Title,
    string Summary,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Devices,
    IReadOnlyList<string> Steps,
    string? Video,
    string Intro)
{
    public const int MaxSummaryLength = 140;

    public static IReadOnlyList<string> KnownDevices { get; } = ["chromebook", "windows", "hotspot", "any"];
}
