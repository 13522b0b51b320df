using System.Net.Sockets;
using System.Text;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// Whether a Docker engine answers here. The real-daprd scenarios need one; without it they skip with
/// this reason (the emulated mesh runs the same scenarios everywhere).
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<Task<string?>> Unreachable = new(FindReasonAsync);

    /// <summary>Null when an engine answered /_ping; otherwise why the Docker scenarios cannot run.</summary>
    public static Task<string?> UnreachableReasonAsync() => Unreachable.Value;

    private static async Task<string?> FindReasonAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        try
        {
            using var socket = await ConnectAsync(host);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[64];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var status = Encoding.ASCII.GetString(buffer, 0, read);
            return status.Contains(" 200 ", StringComparison.Ordinal)
                ? null
                : $"the Docker engine at {host ?? "/var/run/docker.sock"} answered /_ping with '{status.Split('\r')[0]}'";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or UriFormatException)
        {
            return $"no Docker engine is reachable at {host ?? "unix:///var/run/docker.sock"} ({ex.Message}); " +
                "these scenarios need real daprd and Redis containers and run where Docker runs";
        }
    }

    private static async Task<Socket> ConnectAsync(string? host)
    {
        if (host is null || host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host is null ? "/var/run/docker.sock" : host["unix://".Length..];
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return unix;
        }

        var uri = new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal));
        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(uri.Host, uri.Port);
        return tcp;
    }
}
