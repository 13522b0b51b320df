using FbaMesh.DevMesh.Processes;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>The guard against orphans, with `sleep` standing in for a service.</summary>
public sealed class WatchdogTests
{
    private static ChildProcess StartSleeper() => ChildProcess.Start(
        new ChildProcessSpec("sleeper", "sleep", ["300"], Path.GetTempPath(), new Dictionary<string, string?>()),
        _ => { });

    [Fact]
    public async Task When_devmesh_goes_away_the_watchdog_kills_the_service()
    {
        using var child = StartSleeper();
        var service = await Eventually.UntilAsync(() => Task.FromResult(child.ServiceId), id => id != child.Id, "the service under its watchdog");
        Assert.Equal("sleep", ProcessTree.CommandName(service));

        // devmesh dying in any way (even SIGKILL) closes this pipe; nothing else does.
        child.CloseWatchdogPipe();

        Assert.NotEqual(0, await child.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(ProcessTree.IsAlive(service));
    }

    [Fact]
    public async Task Kill_takes_the_whole_tree_and_is_marked_as_asked_for()
    {
        using var child = StartSleeper();
        await Eventually.UntilAsync(() => ProcessTree.Descendants(child.Id).Count == 2, "the service and the watchdog's reader");
        var tree = ProcessTree.Descendants(child.Id).Append(child.Id).ToList();

        await child.KillAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(child.StopRequested);
        // SIGKILL reaches every process of the tree, but the kernel finishes them on its own time.
        await Eventually.UntilAsync(() => !tree.Any(ProcessTree.IsAlive), "every process of the tree to be gone");
    }

    [Fact]
    public async Task A_service_that_exits_on_its_own_ends_its_watchdog_with_its_exit_code()
    {
        using var child = ChildProcess.Start(
            new ChildProcessSpec("quitter", "sh", ["-c", "exit 3"], Path.GetTempPath(), new Dictionary<string, string?>()),
            _ => { });

        Assert.Equal(3, await child.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(child.StopRequested);
    }
}
