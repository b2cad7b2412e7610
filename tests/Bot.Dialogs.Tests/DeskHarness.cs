using Bot.Data;
using Bot.Data.Conversations;
using Bot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Dialogs.Tests;

/// <summary>The desk's real services on a real, fresh database, with a Bot Framework <see cref="TestAdapter"/>.</summary>
internal sealed class DeskHarness : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly ServiceProvider services;

    private DeskHarness(TestDatabase database)
    {
        this.database = database;
        services = new ServiceCollection()
            .AddLogging()
            .AddStorage(database.Database)
            .AddDialogs()
            .BuildServiceProvider();
        Adapter = new TestAdapter(Microsoft.Bot.Connector.Channels.Test);
        Adapter.UseDeskMiddleware(services);
    }

    public TestAdapter Adapter { get; }

    public IBot Bot => services.GetRequiredService<IBot>();

    public IStorage Storage => services.GetRequiredService<IStorage>();

    public ConversationState ConversationState => services.GetRequiredService<ConversationState>();

    public Database Database => database.Database;

    public static async Task<DeskHarness> CreateAsync(StorageProvider provider = StorageProvider.Sqlite) =>
        new(await TestDatabase.CreateAsync(provider));

    /// <summary>Every message stored for the adapter's conversation, in order.</summary>
    public async Task<IReadOnlyList<StoredMessage>> TranscriptAsync()
    {
        var conversationId = await services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity(Adapter.Conversation.ChannelId, Adapter.Conversation.Conversation.Id, null, null, DateTimeOffset.UtcNow),
            CancellationToken.None);
        return await services.GetRequiredService<MessageStore>().TranscriptAsync(conversationId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }
}
