using Bot.Channels.BotConnector;
using Bot.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

public static class WebChatServiceCollectionExtensions
{
    /// <summary>
    /// Web chat through the app's own Direct Line 3.0 (tokens, the adapter, the stream) or Azure's (the token exchange),
    /// with per-client rate limits and cross-origin access.
    /// </summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.AddDataProtection();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddSingleton<DirectLineStreamer>();
        services.AddDirectLineRateLimits();
        services.AddDirectLineCors();
        services.AddSingleton<AzureDirectLineTokens>();
        AzureDirectLineTokens.AddHttpClient(services);
        services.AddWebChatPage(configuration);
        // Technicians' replies into web chats that go through Azure Bot Service rather than our own Direct Line.
        services.AddSingleton<IOutboxSender>(provider => new ConnectorSender(DirectLineAdapter.Channel, provider.GetRequiredService<ConnectorConversations>()));
        services.AddOutbox(configuration);
        return services;
    }
}
