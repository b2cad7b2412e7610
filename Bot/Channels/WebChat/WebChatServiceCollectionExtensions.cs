namespace Bot.Channels.WebChat;

public static class WebChatServiceCollectionExtensions
{
    /// <summary>Web chat through the app's own Direct Line 3.0: tokens, the adapter, and the routes.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section))
            .Validate(options => options.TokenLifetime > TimeSpan.Zero, "DirectLine:TokenLifetime must be positive.")
            .ValidateOnStart();
        services.AddDataProtection();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddWebChatPage(configuration);
        return services;
    }
}
