namespace Bot.Outbox;

/// <summary>Sends one outbox message through a channel's provider and returns the provider's id for it.</summary>
public interface IOutboxSender
{
    string Channel { get; }

    /// <summary>Whether the channel is configured; the worker leaves disabled senders alone.</summary>
    bool Enabled { get; }

    /// <summary>Waits, if needed, so that the provider's sending rate is respected (SMS: segments per second per number).</summary>
    Task PaceAsync(string sender, string body, CancellationToken cancellationToken);

    Task<string> SendAsync(string sender, string address, string body, CancellationToken cancellationToken);
}
