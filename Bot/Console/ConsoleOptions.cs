namespace Bot.Console;

/// <summary>The technician console's sign-in (<c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Wrong passwords in a row before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without use.</summary>
    public TimeSpan SessionLength { get; set; } = TimeSpan.FromHours(10);
}
