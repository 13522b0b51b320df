using System.Net;
using System.Net.Sockets;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// Hands out ports: the configured ones, or with free ports on, loopback ports the OS says are free
/// now, never the same one twice within this mesh.
/// </summary>
internal sealed class PortPlan(bool fresh)
{
    private readonly HashSet<int> handed = [];

    public int Pick(int configured) => fresh ? NextFree() : EnsureFree(configured);

    public int? Pick(int? configured) => configured is { } port ? Pick(port) : null;

    /// <summary>A configured port someone else holds is a clear start error, not a crash loop later.</summary>
    private int EnsureFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            handed.Add(port);
            return port;
        }
        catch (SocketException)
        {
            throw new Processes.MeshStartException(
                $"Port {port} (from dapr.yaml or the emulator defaults) is in use: is another devmesh or `dapr run -f .` running? " +
                "Stop it, or start this one with --free-ports.");
        }
    }

    public int NextFree()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (handed.Add(port))
            {
                return port;
            }
        }
    }
}
