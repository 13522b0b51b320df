using FbaMesh.Bench.Chaos;
using FbaMesh.Bench.Common;
using FbaMesh.DaprEmulator.Redis;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>
/// chaos --durable --kill-all at CI size: devmesh (its own process) and everything under it SIGKILLed at
/// once with accepted orders in flight, then a new devmesh on the same redis-server. CI installs
/// redis-server (.ci/run), so there it always runs.
/// </summary>
public sealed class KillAllSmokeTests
{
    [SkippableFact]
    public async Task The_whole_durable_mesh_killed_at_once_loses_and_duplicates_nothing()
    {
        Skip.If(LocalRedisServer.FindExecutable() is null, "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it).");

        var report = await KillAllScenario.RunAsync(new KillAllSettings(Orders: 60), SilentProgress.Instance, CancellationToken.None);

        var crash = Assert.Single(report.Crashes);
        // devmesh, and under it a watchdog and a service per app: the services died with it, not after it.
        Assert.True(crash.ProcessesKilled >= 7, $"only {crash.ProcessesKilled} processes were killed");
        Assert.True(report.Orders.Clean, $"lost {string.Join(", ", report.Orders.LostOrderIds)}; duplicated {string.Join(", ", report.Orders.DuplicatedOrderIds)}");
        Assert.Equal(0, report.Orders.WrongFinalState);
        Assert.Equal(0, report.Orders.Unsettled);
        Assert.Equal(report.Orders.ExpectedAtAmazon, report.Orders.AtAmazonOnce);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.True(json.At("clean").GetBoolean());
        Assert.Equal(0, json.At("lost").GetInt32());
        Assert.Equal(0, json.At("duplicated").GetInt32());
    }
}
