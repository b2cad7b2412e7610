using MudBlazor;

namespace Bot.Console.Components;

/// <summary>The console's colours, for MudBlazor's components: the district blue of the header, with enough contrast on white.</summary>
public static class ConsoleTheme
{
    public const string Primary = "#0b3d62";

    /// <summary>One colour per series on a chart, distinct for the common kinds of colour blindness.</summary>
    public static readonly string[] ChartColours = [Primary, "#c2410c", "#15803d", "#7c3aed"];

    public static MudTheme Desk { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Primary,
            Warning = "#9a6700",
            Error = "#a40e26",
            Success = "#1a7f37",
        },
    };
}
