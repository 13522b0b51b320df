using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>devmesh killed outright gets no chance to clean up: the watchdogs must do it.</summary>
[Collection(MeshCollection.Name)]
public sealed class DevMeshKillTests
{
    [Fact]
    public async Task A_service_killed_on_request_stays_down_and_SIGKILL_of_devmesh_still_leaves_no_service_running()
    {
        await using var devmesh = DevMeshProcess.Start();
        var endpoints = await devmesh.WaitForEndpointsAsync();
        var services = endpoints.Services.Values.Select(s => s.ProcessId!.Value).ToList();
        Assert.All(services, pid => Assert.Equal("dotnet", ProcessTree.CommandName(pid)));

        var before = LiveDotnetDescendants(devmesh.Id);
        var (code, said) = await devmesh.CommandAsync("kill", "fba-submitter");
        Assert.True(code == 0, said);
        var submitter = endpoints.Services["fba-submitter"].ProcessId!.Value;
        await Eventually.UntilAsync(() => !ProcessTree.IsAlive(submitter), "the submitter to be gone");

        // A crash is restarted after devmesh's first pause (half a second); watching for four times that
        // long, no new service process may appear and the other services must stay up.
        var window = System.Diagnostics.Stopwatch.StartNew();
        while (window.Elapsed < StaysDownWindow)
        {
            var now = LiveDotnetDescendants(devmesh.Id);
            Assert.Empty(now.Except(before));
            Assert.Equal(before.Where(pid => pid != submitter).Order(), now.Order());
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.DoesNotContain("fba-submitter exited unexpectedly", devmesh.Output, StringComparison.Ordinal);

        devmesh.Signal("KILL");
        await devmesh.WaitForExitAsync(TimeSpan.FromSeconds(30));

        await Eventually.UntilAsync(() => !services.Any(ProcessTree.IsAlive),
            "the watchdogs to kill the services of a dead devmesh", TimeSpan.FromSeconds(30));
    }

    private static readonly TimeSpan StaysDownWindow = TimeSpan.FromSeconds(2);

    private static HashSet<int> LiveDotnetDescendants(int root) =>
        [.. ProcessTree.Descendants(root).Where(pid => ProcessTree.IsAlive(pid) && ProcessTree.CommandName(pid) == "dotnet")];
}
