using System.Net;
using System.Net.Sockets;
using FbaMesh.LoopbackPorts;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// Hands out ports: the configured ones, or with free ports on, free loopback ports from the machine-wide
/// <see cref="FreeTcpPort"/> source, never the same one twice within this mesh. A port the OS picked for a
/// bind to port 0 would come from the ephemeral range: between handing it out and the child binding it
/// (seconds under load), another mesh's bind to port 0 or any outgoing connection could take it.
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
            var port = FreeTcpPort.Next();
            if (handed.Add(port))
            {
                return port;
            }
        }
    }
}
