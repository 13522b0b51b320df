using FbaMesh.DevMesh.Processes;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// Keeps one service running: starts it and waits until ready; when it exits without being asked,
/// reports it and starts it again after a growing pause (a crash loop must not eat the two cores).
/// A kill on request keeps it down until <see cref="RestartAsync"/>.
/// </summary>
internal sealed partial class SupervisedService(
    ServiceDefinition definition, ServiceLog log, ReadinessProbe probe, MeshOptions options, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private ChildProcess? current;
    private int crashesInARow;

    public ServiceDefinition Definition => definition;

    public ServiceLog Log => log;

    /// <summary>Raised on every unexpected exit and on each restart attempt (for the CLI's live lines).</summary>
    public event EventHandler<ServiceEvent>? Changed;

    public int? ProcessId => current is { Exited.IsCompleted: false } child ? child.ServiceId : null;

    public async Task StartAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await LaunchAndWaitReadyAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task KillAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (current is { } child)
            {
                await child.KillAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RestartAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (current is { } child)
            {
                await child.KillAsync();
            }

            crashesInARow = 0;
            await LaunchAndWaitReadyAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Synchronous last resort for process exit: no child may outlive devmesh.</summary>
    public void KillNow()
    {
        current?.KillNow();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await gate.WaitAsync();
        try
        {
            if (current is { } child)
            {
                await child.KillAsync();
                child.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }

        log.Dispose();
        stopping.Dispose();
    }

    private async Task LaunchAndWaitReadyAsync(CancellationToken ct)
    {
        current?.Dispose();
        var child = ChildProcess.Start(definition.ToProcessSpec(), log.Write);
        current = child;
        var startedAt = TimeProvider.System.GetTimestamp();
        _ = WatchAsync(child, startedAt);
        try
        {
            await probe.WaitAsync(definition.Instance, definition.ReadyUrl, definition.SpeaksGrpc, child.Exited, options.ReadyTimeout, ct);
        }
        catch (MeshStartException ex)
        {
            throw new MeshStartException($"{ex.Message} Last output ({log.Path}):{Environment.NewLine}{log.Tail()}", ex);
        }
    }

    private async Task WatchAsync(ChildProcess child, long startedAt)
    {
        var code = await child.Exited;
        // A kill that was asked for (KillAsync, RestartAsync, stopping) is not a crash.
        if (child.StopRequested || stopping.IsCancellationRequested)
        {
            return;
        }

        crashesInARow = TimeProvider.System.GetElapsedTime(startedAt) > StableAfter ? 1 : crashesInARow + 1;
        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(crashesInARow - 1, 10)));
        LogExited(logger, definition.Instance, code, options.SuperviseRestarts ? pause.TotalSeconds : -1);
        Changed?.Invoke(this, new ServiceEvent(definition.Instance, ServiceEventKind.Exited, code, options.SuperviseRestarts ? pause : null));
        if (!options.SuperviseRestarts)
        {
            return;
        }

        try
        {
            await Task.Delay(pause, stopping.Token);
            await StartAsync(stopping.Token);
            Changed?.Invoke(this, new ServiceEvent(definition.Instance, ServiceEventKind.Restarted, null, null));
        }
        catch (OperationCanceledException)
        {
            // The mesh is stopping.
        }
        catch (MeshStartException ex)
        {
            // The new process exited or never became ready; its own watcher schedules the next try.
            LogRestartFailed(logger, definition.Instance, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // The process could not even be started (dotnet gone, binary deleted by a rebuild): say so, stop trying.
            LogRestartFailed(logger, definition.Instance, ex.Message);
            Changed?.Invoke(this, new ServiceEvent(definition.Instance, ServiceEventKind.Exited, null, null));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId} exited unexpectedly with code {ExitCode}; restarting in {PauseSeconds} s (-1: supervision off)")]
    private static partial void LogExited(ILogger logger, string appId, int exitCode, double pauseSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId} did not come back: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string appId, string reason);
}
