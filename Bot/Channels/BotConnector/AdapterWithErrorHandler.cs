using Bot.Dialogs;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace Bot.Channels.BotConnector;

/// <summary>
/// The Bot Connector adapter (Teams, Azure Direct Line, the Emulator), with the desk's middleware and its turn-error
/// handling (<see cref="TurnErrors"/>).
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(BotFrameworkAuthentication authentication, IServiceProvider services, ILogger<AdapterWithErrorHandler> logger)
        : base(authentication, logger)
    {
        this.UseDeskMiddleware(services);
        OnTurnError = TurnErrors.Handler(logger);
    }
}
