using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Common;

/// <summary>
/// devmesh as its own process (its built dll, fresh ports, its own endpoints file and logs), so a drill
/// can SIGKILL it together with everything it started.
/// </summary>
public sealed class DevMeshChild : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string endpointsFile;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private DevMeshChild(Process process, string endpointsFile) => (this.process, this.endpointsFile) = (process, endpointsFile);

    public int ProcessId => process.Id;

    public MeshEndpoints Endpoints { get; private set; } = null!;

    public static async Task<DevMeshChild> StartAsync(string repositoryRoot, string folder, IEnumerable<string> arguments, TimeSpan patience, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var endpoints = Path.Combine(folder, "endpoints.json");
        File.Delete(endpoints);
        var dll = Path.Combine(repositoryRoot, "tools", "devmesh", "bin", new MeshOptions().BuildConfiguration, "net10.0", "FbaMesh.DevMesh.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        foreach (var argument in new[] { dll }.Concat(arguments).Concat(["--free-ports", "--repository", repositoryRoot, "--endpoints-file", endpoints, "--log-directory", Path.Combine(folder, "logs")]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("devmesh did not start.");
        var child = new DevMeshChild(process, endpoints);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(endpoints))
        {
            if (process.HasExited || deadline.Elapsed > patience)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"was not ready within {patience.TotalSeconds:0} s";
                child.KillEverything();
                throw new InvalidOperationException($"devmesh {why}:\n{child.Output}");
            }

            await Task.Delay(200, ct);
        }

        await Task.Delay(200, ct); // the file is written in one call; give the writer its close
        child.Endpoints = MeshEndpoints.FromJson(await File.ReadAllTextAsync(endpoints, ct));

        // Ready means the gateway answers this process, not only that devmesh wrote its file.
        var gateway = child.Endpoints.Services["webhook-gateway"].ReadyUrl;
        while (!await child.AnswersAsync(gateway, ct))
        {
            if (process.HasExited || deadline.Elapsed > patience)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"wrote its endpoints but the gateway did not answer {gateway} within {patience.TotalSeconds:0} s";
                child.KillEverything();
                throw new InvalidOperationException($"devmesh {why}:\n{child.Output}");
            }

            await Task.Delay(200, ct);
        }

        return child;
    }

    /// <summary>False once devmesh has exited (crashed, or stopped itself) while it was meant to be running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>
    /// Throws with devmesh's exit code and the end of its output when it is no longer running, so a
    /// drill that finds the mesh gone says why instead of only "no connection".
    /// </summary>
    public void EnsureRunning()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"devmesh (pid {process.Id}) exited with {process.ExitCode} while the mesh was meant to run; its output ends:\n{Tail(Output, 60)}");
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// SIGKILL to devmesh and every process under it (watchdogs, services) in one kill(1) call, so none
    /// gets to react to another's death; returns the pids killed.
    /// </summary>
    public IReadOnlyList<int> KillEverything()
    {
        var pids = new[] { process.Id }.Concat(LinuxProcesses.Descendants(process.Id)).ToList();
        using (var kill = Process.Start("kill", ["-KILL", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]))
        {
            kill.WaitForExit();
        }

        return pids;
    }

    /// <summary>The order as the enricher records it; null while unknown or while the mesh does not answer.</summary>
    public async Task<OrderProgress?> GetOrderAsync(string orderId, CancellationToken ct)
    {
        var url = new Uri(Endpoints.Services["order-enricher"].AppUrl, $"/api/orders/{Uri.EscapeDataString(orderId)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Endpoints.OperatorToken);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<OrderProgress>(MeshEndpoints.Json, ct) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // Ctrl+C's way out: devmesh stops its services and its sidecars.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                KillEverything();
            }
        }

        process.Dispose();
        http.Dispose();
    }

    private async Task<bool> AnswersAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>Linux /proc: the processes below one process.</summary>
internal static class LinuxProcesses
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Parent(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not 'Z' and not 'X';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? Parent(int pid)
    {
        try
        {
            // pid (comm) state ppid ...; comm may hold spaces, so split after the last ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
