using System.Threading.Channels;

namespace Bot.Data.WebChat;

/// <summary>
/// Wakes what waits on a Direct Line conversation (its open streams) when activities were appended to it in this
/// process. Appends made by another instance are not seen here: a waiter also looks at the store every so often.
/// </summary>
public sealed class DirectLineSignal
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, List<Subscription>> subscriptions = new(StringComparer.Ordinal);

    /// <summary>Starts listening to a conversation; subscribe before reading the store so that no append falls between.</summary>
    public Subscription Subscribe(string conversationId)
    {
        var subscription = new Subscription(this, conversationId);
        lock (sync)
        {
            if (!subscriptions.TryGetValue(conversationId, out var list))
            {
                list = [];
                subscriptions[conversationId] = list;
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Says that something was appended to the conversation (after it committed).</summary>
    public void Notify(string conversationId)
    {
        lock (sync)
        {
            if (subscriptions.TryGetValue(conversationId, out var list))
            {
                foreach (var subscription in list)
                {
                    subscription.Wake();
                }
            }
        }
    }

    /// <summary>How many subscriptions are open, across conversations.</summary>
    public int Subscriptions
    {
        get
        {
            lock (sync)
            {
                return subscriptions.Values.Sum(list => list.Count);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (sync)
        {
            if (subscriptions.TryGetValue(subscription.ConversationId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                subscriptions.Remove(subscription.ConversationId);
            }
        }
    }

    /// <summary>One listener on one conversation; many notices before it waits make one wake-up.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly DirectLineSignal signal;
        private readonly Channel<bool> notices = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        internal Subscription(DirectLineSignal signal, string conversationId)
        {
            this.signal = signal;
            ConversationId = conversationId;
        }

        public string ConversationId { get; }

        /// <summary>Waits for a notice (true) or until <paramref name="cancellationToken"/> is cancelled (false).</summary>
        public async Task<bool> WaitAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await notices.Reader.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose() => signal.Remove(this);

        internal void Wake() => notices.Writer.TryWrite(true);
    }
}
