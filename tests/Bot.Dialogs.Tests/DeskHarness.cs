using Bot.Data;
using Bot.Data.Contacts;
using Bot.Data.Conversations;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Dialogs.Tests;

/// <summary>
/// The desk's real services on a real, fresh database, with the shipped knowledge base loaded and a Bot Framework
/// <see cref="TestAdapter"/>. The clock stands at Tuesday 2026-12-01 10:00 in Chicago unless a test moves it.
/// </summary>
internal sealed class DeskHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Tuesday10am = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase database;

    private DeskHarness(TestDatabase database, string channel, bool semantic, string? from, IReadOnlyDictionary<string, string?>? settings)
    {
        this.database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:WatchForChanges"] = "false",
            ["Knowledge:Semantic"] = semantic ? "true" : "false",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddStorage(database.Database)
            .Configure<PeopleOptions>(configuration.GetSection(PeopleOptions.Section))
            .AddDialogs(configuration)
            .BuildServiceProvider();
        Adapter = new TestAdapter(TestAdapter.CreateConversation($"conversation-{channel}"));
        Adapter.Conversation.ChannelId = channel;
        if (from is not null)
        {
            Adapter.Conversation.User = new ChannelAccount(from, "someone");
        }

        Adapter.UseDeskMiddleware(Services);
    }

    public TestClock Clock { get; } = new(Tuesday10am);

    public ServiceProvider Services { get; }

    public TestAdapter Adapter { get; }

    public IBot Bot => Services.GetRequiredService<IBot>();

    public IStorage Storage => Services.GetRequiredService<IStorage>();

    public ConversationState ConversationState => Services.GetRequiredService<ConversationState>();

    public Database Database => database.Database;

    /// <summary>A desk; with <paramref name="withKnowledge"/> the shipped articles are loaded (and embedded when semantic).</summary>
    public static async Task<DeskHarness> CreateAsync(
        StorageProvider provider = StorageProvider.Sqlite,
        string channel = "test",
        bool withKnowledge = false,
        bool semantic = true,
        string? from = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var desk = new DeskHarness(await TestDatabase.CreateAsync(provider), channel, semantic, from, settings);
        if (withKnowledge)
        {
            await desk.Services.GetRequiredService<KnowledgeBase>().ReloadAsync(CancellationToken.None);
        }

        return desk;
    }

    /// <summary>Every message stored for the adapter's conversation, in order.</summary>
    public async Task<IReadOnlyList<StoredMessage>> TranscriptAsync()
    {
        var conversationId = await ConversationIdAsync();
        return await Services.GetRequiredService<MessageStore>().TranscriptAsync(conversationId, CancellationToken.None);
    }

    public Task<long> ConversationIdAsync() =>
        Services.GetRequiredService<ConversationStore>().TouchAsync(
            new ConversationActivity(Adapter.Conversation.ChannelId, Adapter.Conversation.Conversation.Id, null, null, Clock.Now),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
