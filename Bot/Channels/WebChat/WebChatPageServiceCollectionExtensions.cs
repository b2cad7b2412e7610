using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

public static class WebChatPageServiceCollectionExtensions
{
    /// <summary>The caregivers' page: its branding, checked at start-up.</summary>
    public static IServiceCollection AddWebChatPage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatPageOptions>().Bind(configuration.GetSection(WebChatPageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatPageOptions>, WebChatPageOptionsValidator>();
        return services;
    }
}
