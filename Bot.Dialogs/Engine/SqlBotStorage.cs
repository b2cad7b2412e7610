using Bot.Data;
using Bot.Data.State;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Bot Framework <see cref="IStorage"/> over the <c>bot_state</c> table. An <see cref="IStoreItem"/> with an ETag is
/// written only if nobody wrote it since it was read; <c>"*"</c> or no ETag overwrites; plain objects always
/// overwrite. Values come back as the CLR types they were stored as. Within a turn, writes join <see cref="TurnWrites"/>.
/// </summary>
public sealed class SqlBotStorage(StateStore store) : IStorage
{
    private static readonly JsonSerializerSettings Json = new()
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new TrustedTypesBinder(),
        MaxDepth = 64,
    };

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var entries = await store.ReadAsync(keys, cancellationToken);
        var result = new Dictionary<string, object>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var value = JsonConvert.DeserializeObject(entry.Json, Json);
            if (value is null)
            {
                continue;
            }

            if (value is IStoreItem item)
            {
                item.ETag = entry.ETag;
            }

            result[entry.Key] = value;
        }

        return result;
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var writes = new List<StateWrite>(changes.Count);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(value, $"{nameof(changes)}[{key}]");
            writes.Add(new StateWrite(key, JsonConvert.SerializeObject(value, Json), ExpectedETag(value)));
        }

        // Inside a turn the state is saved with the turn's other writes (its replies), in one transaction.
        return TurnWrites.Current is { } turn
            ? turn.AddAsync((transaction, token) => store.WriteAsync(writes, transaction, token), keepIfTurnFails: false, cancellationToken)
            : store.WriteAsync(writes, cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return store.DeleteAsync(keys, cancellationToken);
    }

    private static string? ExpectedETag(object value) => value switch
    {
        IStoreItem { ETag: "" } => throw new ArgumentException("An ETag may not be an empty string: use null or \"*\" to overwrite."),
        IStoreItem { ETag: "*" } => null,
        IStoreItem item => item.ETag,
        _ => null,
    };
}
