using System.Net;
using System.Net.Sockets;

namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>
/// A free loopback port below Linux's ephemeral range (32768-60999), so no outgoing connection can take it
/// between the moment it is chosen and the moment the portal binds it.
/// </summary>
public static class ListeningPort
{
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("No free port found between 20000 and 32000");
    }
}
