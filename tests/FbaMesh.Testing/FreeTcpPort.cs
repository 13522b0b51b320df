using System.Net;
using System.Net.Sockets;

namespace FbaMesh.Testing;

/// <summary>
/// Hands out loopback ports that are free now. Tests run in parallel, so a port is never reused
/// within one test process even after its listener closed.
/// </summary>
public static class FreeTcpPort
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
