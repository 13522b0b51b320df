using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FbaMesh.LoopbackPorts;

/// <summary>
/// Hands out loopback ports for servers that must know their port before they start (sidecars and
/// apps name each other's ports in their configuration, so "bind port 0 and read it back" cannot
/// serve them). Two things make a handed-out port safe until its server binds it:
/// <list type="bullet">
/// <item>Ports come from below the kernel's ephemeral range (32768-60999 on Linux, 49152-65535 on
/// Windows), so no outgoing connection and no bind to port 0 in any process can take one.</item>
/// <item>Every process on the machine that uses this (the test processes, devmesh and its replicas, the
/// bench) draws from one cursor kept in a lock file in the temp folder, so two meshes started side by
/// side never hand out the same port; the cursor wraps after <see cref="Count"/> ports, long after
/// the server that held a port is done.</item>
/// </list>
/// A port is also probed before it is handed out, so one held by anything else is skipped.
/// </summary>
public static class FreeTcpPort
{
    public const int First = 20_000;
    public const int Count = 12_000;

    private static readonly string CursorPath = Path.Combine(Path.GetTempPath(), "fbamesh-loopback-ports.cursor");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Lock InProcess = new();

    public static int Next()
    {
        lock (InProcess)
        {
            using var cursor = OpenExclusive();
            var next = Read(cursor);
            for (var tried = 0; tried < Count; tried++)
            {
                var port = First + ((next + tried) % Count);
                if (IsFree(port))
                {
                    Write(cursor, (next + tried + 1) % Count);
                    return port;
                }
            }

            throw new InvalidOperationException($"No free loopback port in {First}-{First + Count - 1}.");
        }
    }

    private static FileStream OpenExclusive()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileStream(CursorPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process is taking a port; it holds the file for microseconds.
                Thread.Sleep(5);
            }
        }
    }

    private static int Read(FileStream cursor)
    {
        cursor.Position = 0;
        using var reader = new StreamReader(cursor, Encoding.ASCII, leaveOpen: true);
        return int.TryParse(reader.ReadToEnd().Trim(), out var value) && value is >= 0 and < Count
            ? value
            : Random.Shared.Next(Count);
    }

    private static void Write(FileStream cursor, int value)
    {
        var bytes = Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        cursor.SetLength(0);
        cursor.Write(bytes);
        cursor.Flush();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
