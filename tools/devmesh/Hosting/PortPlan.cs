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

    public int Pick(int configured) => fresh ? NextFree() : configured;

    public int? Pick(int? configured) => configured is { } port ? Pick(port) : null;

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
