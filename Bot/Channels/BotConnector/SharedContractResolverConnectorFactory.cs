using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Newtonsoft.Json.Serialization;

namespace Bot.Channels.BotConnector;

/// <summary>Gives every connector client it creates one process-wide contract resolver (thread-safe, caching).</summary>
internal sealed class SharedContractResolverConnectorFactory(ConnectorFactory inner) : ConnectorFactory
{
    private static readonly DefaultContractResolver SharedResolver = new();

    public static ConnectorFactory Wrap(ConnectorFactory factory) =>
        factory is null or SharedContractResolverConnectorFactory ? factory! : new SharedContractResolverConnectorFactory(factory);

    public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
        client.SerializationSettings.ContractResolver = SharedResolver;
        client.DeserializationSettings.ContractResolver = SharedResolver;
        return client;
    }
}
