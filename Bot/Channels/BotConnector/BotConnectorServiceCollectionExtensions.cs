using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace Bot.Channels.BotConnector;

public static class BotConnectorServiceCollectionExtensions
{
    /// <summary>
    /// <c>POST /api/messages</c> through <see cref="CloudAdapter"/>, authenticated from the standard settings
    /// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>;
    /// an empty app id is local mode, as the Bot Framework Emulator expects).
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.AddSingleton<BotFrameworkAuthentication>(provider => new SharedContractResolverAuthentication(
            new ConfigurationBotFrameworkAuthentication(
                provider.GetRequiredService<IConfiguration>(),
                httpClientFactory: provider.GetRequiredService<IHttpClientFactory>(),
                logger: provider.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(provider => provider.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<ConnectorClients>();
        services.AddSingleton<ConnectorConversations>();
        return services;
    }

    public static IEndpointRouteBuilder MapBotConnector(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken) =>
            adapter.ProcessAsync(request, response, bot, cancellationToken));
        return endpoints;
    }
}
