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
        return services;
    }
}
