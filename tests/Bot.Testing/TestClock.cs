namespace Bot.Testing;

/// <summary>A clock that stands still at a chosen instant until a test moves it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
