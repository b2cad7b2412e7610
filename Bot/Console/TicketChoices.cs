namespace Bot.Console;

/// <summary>The values a console filter offers for a ticket's channel and category.</summary>
public static class TicketChoices
{
    public static readonly IReadOnlyList<string> Channels = ["sms", "webchat", "msteams"];

    public static readonly IReadOnlyList<string> Categories = ["hardware", "network", "software", "account", "user-error", "user-training", "other"];

    /// <summary><paramref name="value"/> when it is one of <paramref name="choices"/>; otherwise no filter.</summary>
    public static string? OneOf(string? value, IReadOnlyList<string> choices) => value is not null && choices.Contains(value) ? value : null;
}
