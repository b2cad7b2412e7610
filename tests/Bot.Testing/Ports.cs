using System.Net;
using System.Net.Sockets;

namespace Bot.Testing;

public static class Ports
{
    /// <summary>A loopback port that nothing listens on (it was free a moment ago): connecting to it is refused.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
