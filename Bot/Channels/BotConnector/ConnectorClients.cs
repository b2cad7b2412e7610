using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace Bot.Channels.BotConnector;

/// <summary>
/// Bot Connector clients for messages the desk starts (alerts, technicians' replies), with the bot's own identity and
/// the same authentication the adapter uses. They are sent from the outbox, outside any turn, so the turn
/// middleware does not log them a second time.
/// </summary>
public sealed class ConnectorClients(BotFrameworkAuthentication authentication, IConfiguration configuration)
{
    public async Task<IConnectorClient> ForAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        var appId = BotId;
        var bot = new ClaimsIdentity(
        [
            new Claim(AuthenticationConstants.AudienceClaim, appId),
            new Claim(AuthenticationConstants.AppIdClaim, appId),
        ]);
        return await authentication.CreateConnectorFactory(bot).CreateAsync(serviceUrl, authentication.GetOriginatingAudience(), cancellationToken);
    }

    public string BotId => configuration["MicrosoftAppId"] ?? string.Empty;
}
