using System.Diagnostics;

namespace FbaMesh.DevMesh.Processes;

/// <summary>
/// One service process. On Unix it runs under a tiny shell watchdog that holds the read end of a
/// pipe from devmesh: when devmesh dies in any way (even SIGKILL) the pipe closes and the watchdog
/// kills the service, so no orphan outlives the mesh. The watchdog runs in its own session (setsid),
/// so a Ctrl+C in devmesh's terminal reaches devmesh alone, which then stops every tree in order;
/// a signal sent to the watchdog itself takes the service down with it.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    // $0 is a label for ps; "$@" is the service command. Reading fd 3 (our stdin) returns only at EOF.
    private const string Watchdog =
        "exec 3<&0; \"$@\" </dev/null & child=$!; " +
        "trap 'kill -9 \"$child\" 2>/dev/null; exit 143' HUP INT TERM; " +
        "( read -r _ <&3; kill -9 \"$child\" 2>/dev/null ) & watch=$!; " +
        "wait \"$child\"; code=$?; kill \"$watch\" 2>/dev/null; exit $code";

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private readonly Process process;
    private int? serviceId;

    private ChildProcess(Process process, Task<int> exited)
    {
        this.process = process;
        Exited = exited;
    }

    /// <summary>The watchdog's process id on Unix (the root of the tree devmesh kills).</summary>
    public int Id => process.Id;

    /// <summary>The service's own process id (the watchdog's child on Unix), for people and failure drills.</summary>
    public int ServiceId => OperatingSystem.IsWindows() ? process.Id : (serviceId ??= ServiceChildOf(process.Id)) ?? process.Id;

    /// <summary>Set before any kill devmesh asks for, so supervision can tell a kill from a crash.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Completes with the exit code when the process (tree root) ends, for whatever reason.</summary>
    public Task<int> Exited { get; }

    public static ChildProcess Start(ChildProcessSpec spec, Action<string> onOutputLine)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsWindows())
        {
            info.FileName = spec.FileName;
        }
        else
        {
            // setsid execs in place (a started child is never a group leader), so the pid stays the watchdog's.
            info.FileName = Setsid ?? "/bin/sh";
            if (Setsid is not null)
            {
                info.ArgumentList.Add("/bin/sh");
            }

            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Watchdog);
            info.ArgumentList.Add($"devmesh-{spec.Name}");
            info.ArgumentList.Add(spec.FileName);
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Not WaitForExitAsync: it also waits for end-of-file on the output pipes, which a stray
        // grandchild could hold open forever.
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onOutputLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { onOutputLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, exited.Task);
    }

    /// <summary>SIGKILL to the service and everything it started; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        KillNow();
        await Exited;
    }

    /// <summary>Synchronous kill for process-exit handlers, where nothing may be awaited.</summary>
    public void KillNow()
    {
        StopRequested = true;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
    }

    /// <summary>What devmesh's death does to the pipe: the watchdog sees end-of-file and kills the service.</summary>
    internal void CloseWatchdogPipe() => process.StandardInput.Close();

    public void Dispose()
    {
        KillNow();
        process.Dispose();
    }

    /// <summary>The watchdog's child that is not the watchdog's own reader subshell (Linux /proc); null while not there.</summary>
    private static int? ServiceChildOf(int parent)
    {
        try
        {
            return File.ReadAllText($"/proc/{parent}/task/{parent}/children")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
                .Cast<int?>()
                .FirstOrDefault(pid => File.ReadAllText($"/proc/{pid}/comm").Trim() != "sh");
        }
        catch (IOException)
        {
            return null;
        }
    }
}
