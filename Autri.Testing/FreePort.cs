using System.Net.Sockets;

namespace Autri.Testing;

public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999): a port the kernel hands out to our own outgoing connections
    // (Npgsql, HttpClient) between "free" and "listening" would make a server fail to bind.
    private const int First = 20000, End = 32000;

    /// <summary>A loopback port below the ephemeral range that nobody listens on right now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken; try another
            }
        }
        throw new InvalidOperationException($"No free loopback port in {First}-{End} after 200 attempts.");
    }
}
