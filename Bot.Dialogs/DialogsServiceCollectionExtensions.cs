using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>The bot, its state on our own storage, and the middleware every adapter runs before it.</summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IStorage, SqlBotStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<ConversationTurnGate>();
        services.AddSingleton<TranscriptMiddleware>();
        services.AddSingleton<IBot, DeskBot>();
        return services;
    }

    /// <summary>The middleware every adapter runs, in order: one turn per conversation, then the inbox/transcript.</summary>
    public static BotAdapter UseDeskMiddleware(this BotAdapter adapter, IServiceProvider services) =>
        adapter
            .Use(services.GetRequiredService<ConversationTurnGate>())
            .Use(services.GetRequiredService<TranscriptMiddleware>());
}
