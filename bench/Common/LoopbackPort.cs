using System.Net;
using System.Net.Sockets;

namespace FbaMesh.Bench.Common;

/// <summary>A free loopback port for the pieces that need one before they bind (sidecar ports handed to an app).</summary>
public static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
