using System.Net;
using System.Net.Sockets;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.LoopbackPorts;

namespace FbaMesh.DevMesh.Tests;

/// <summary>
/// Free ports and replica ports come from the machine-wide source below the ephemeral range: a port the OS
/// picked for a bind to port 0 could be taken by another mesh's pick, or an outgoing connection, before the
/// child that was told it binds it.
/// </summary>
public sealed class PortPlanTests
{
    [Fact]
    public void Free_ports_are_drawn_below_the_ephemeral_range_and_never_twice_in_one_mesh()
    {
        var plan = new PortPlan(fresh: true);

        var ports = Enumerable.Range(0, 40).Select(_ => plan.NextFree()).ToList();

        Assert.All(ports, p => Assert.InRange(p, FreeTcpPort.First, FreeTcpPort.First + FreeTcpPort.Count - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void A_configured_port_someone_holds_is_a_start_error_that_names_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, FreeTcpPort.Next());
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<Processes.MeshStartException>(() => new PortPlan(fresh: false).Pick(held));

        Assert.Contains($"Port {held}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--free-ports", error.Message, StringComparison.Ordinal);
    }
}
