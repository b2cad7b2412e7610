namespace Bot.Data.State;

public sealed record StateEntry
{
    public required string Key { get; init; }

    public required string Json { get; init; }

    public required string ETag { get; init; }
}

/// <summary>A value to store under a key; with <paramref name="ExpectedETag"/> only if the stored row still has it.</summary>
public sealed record StateWrite(string Key, string Json, string? ExpectedETag);

/// <summary>A conditional write found the row changed (or gone) since it was read.</summary>
public sealed class StateConflictException(string key)
    : InvalidOperationException("The stored state changed since it was read (ETag conflict); read it again and retry.")
{
    public string Key { get; } = key;
}
