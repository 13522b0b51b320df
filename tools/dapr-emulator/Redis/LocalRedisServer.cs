using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace FbaMesh.DaprEmulator.Redis;

/// <summary>
/// Debian's redis-server as a child process for local durable runs and tests: loopback only, data in
/// the given folder with an append-only file synced on every write (appendfsync always), so whatever
/// Redis acknowledged survives a crash of the emulator and of Redis itself. Disposing stops it.
/// </summary>
public sealed class LocalRedisServer : IAsyncDisposable
{
    private readonly Process process;

    private LocalRedisServer(Process process, int port, string dataDirectory) => (this.process, Port, DataDirectory) = (process, port, dataDirectory);

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>The address for a component's redisHost metadata.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public int ProcessId => process.Id;

    /// <summary>The redis-server on PATH, or null when it is not installed.</summary>
    public static string? FindExecutable()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<LocalRedisServer> StartAsync(int port, string dataDirectory, CancellationToken ct = default)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed (Debian: apt-get install redis-server); the durable mode needs it.");
        Directory.CreateDirectory(dataDirectory);
        var pidFile = Path.Combine(Path.GetFullPath(dataDirectory), PidFileName);
        await StopLeftOverAsync(pidFile);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--dir", Path.GetFullPath(dataDirectory), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
            "--daemonize", "no", "--logfile", "", "--loglevel", "warning", "--pidfile", pidFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalRedisServer(process, port, dataDirectory);
        try
        {
            await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(20), ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private const string PidFileName = "redis-server.pid";

    /// <summary>
    /// A redis-server left running on this data folder by a process that was killed before it could stop
    /// it: killed too (everything it acknowledged is in the append-only file), so two servers never share
    /// the folder.
    /// </summary>
    private static async Task StopLeftOverAsync(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        try
        {
            using var left = Process.GetProcessById(pid);
            if (left.ProcessName.StartsWith("redis-server", StringComparison.Ordinal))
            {
                left.Kill();
                await left.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (ArgumentException)
        {
            // No such process any more.
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>SIGKILL, as a crash: only what the append-only file holds comes back on the next start.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan patience, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} at start (port {Port} taken?).");
            }

            if (await AnswersPingAsync(ct))
            {
                return;
            }

            if (deadline.Elapsed > patience)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {patience.TotalSeconds:0} s.");
            }

            await Task.Delay(50, ct);
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, ct);
            // "-LOADING" while the append-only file is replayed: not ready yet.
            return read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
