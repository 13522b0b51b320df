using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>The ports every mesh test binds: outside the kernel's ephemeral range and distinct.</summary>
public sealed class FreeTcpPortTests
{
    [Fact]
    public void Ports_lie_below_the_kernels_ephemeral_range_so_no_outgoing_connection_or_port_0_bind_can_take_them()
    {
        var range = File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            ? File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)
            : ["49152", "65535"];
        var ephemeralStart = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 50).Select(_ => FreeTcpPort.Next()).ToList();

        Assert.All(ports, p => Assert.InRange(p, 1024, ephemeralStart - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
