using Bot.Dialogs.Engine;
using Bot.Dialogs.Flows;
using Bot.Dialogs.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The bot, its dialogs and knowledge base (loaded at start-up and on change), its state on our own storage, and
    /// the middleware every adapter runs before it.
    /// </summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section));
        services.AddSingleton<SentenceEmbedder>();
        services.AddSingleton<KnowledgeBase>();
        services.AddHostedService<KnowledgeLoader>();

        services.AddSingleton<IStorage, SqlBotStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<ConversationTurnGate>();
        services.AddSingleton<TranscriptMiddleware>();

        services.AddSingleton<Flow, MenuFlow>();
        services.AddSingleton<Flow, TriageFlow>();
        services.AddSingleton<Flow, TroubleshootFlow>();
        services.AddSingleton<Flow, SurveyFlow>();
        services.AddSingleton<Flow, EscalateFlow>();
        services.AddSingleton<Flow, OpenTicketFlow>();
        services.AddSingleton<Flow, ChooseStudentFlow>();
        services.AddSingleton<DialogEngine>();
        services.AddSingleton<AgentHubHandoff>();
        services.AddSingleton<DeskBot>();
        services.TryAddSingleton<IBot>(provider => provider.GetRequiredService<DeskBot>());
        return services;
    }

    /// <summary>The middleware every adapter runs, in order: one turn per conversation, then the inbox/transcript.</summary>
    public static BotAdapter UseDeskMiddleware(this BotAdapter adapter, IServiceProvider services) =>
        adapter
            .Use(services.GetRequiredService<ConversationTurnGate>())
            .Use(services.GetRequiredService<TranscriptMiddleware>());
}
