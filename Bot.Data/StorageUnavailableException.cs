namespace Bot.Data;

/// <summary>The configured database cannot be reached or prepared; the message says what to check.</summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
