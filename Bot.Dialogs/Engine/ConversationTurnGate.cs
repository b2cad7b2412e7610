using Microsoft.Bot.Builder;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Runs one turn at a time per conversation and any number across conversations. Bot Framework state is
/// last-writer-wins, so two overlapping turns of one conversation would otherwise lose one's update.
/// Must not be re-entered: a turn that starts another turn of its own conversation would wait for itself.
/// </summary>
public sealed class ConversationTurnGate : IMiddleware
{
    private readonly Dictionary<string, Gate> gates = new(StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var key = $"{turnContext.Activity.ChannelId}\n{turnContext.Activity.Conversation?.Id}";
        var gate = Enter(key);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
            try
            {
                await next(cancellationToken);
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Leave(key, gate);
        }
    }

    /// <summary>How many conversations have a turn running or waiting; gates are dropped when idle.</summary>
    public int ActiveConversations
    {
        get
        {
            lock (gates)
            {
                return gates.Count;
            }
        }
    }

    private Gate Enter(string key)
    {
        lock (gates)
        {
            if (!gates.TryGetValue(key, out var gate))
            {
                gate = new Gate();
                gates[key] = gate;
            }

            gate.Users++;
            return gate;
        }
    }

    private void Leave(string key, Gate gate)
    {
        lock (gates)
        {
            if (--gate.Users == 0)
            {
                gates.Remove(key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
