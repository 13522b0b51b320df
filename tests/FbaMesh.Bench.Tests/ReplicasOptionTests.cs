using FbaMesh.Bench.Cli;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>--replicas as drain, chaos and latency read it.</summary>
public sealed class ReplicasOptionTests
{
    [Fact]
    public void All_stands_for_every_app_the_mesh_runs_the_fulfillment_tracker_too()
    {
        var counts = BenchCommandLine.Replicas(["all=2"]);

        Assert.Equal(
            ["fba-submitter", "fulfillment-tracker", "order-enricher", "webhook-gateway"],
            counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, n => Assert.Equal(2, n));
    }

    [Fact]
    public void An_app_named_besides_all_keeps_its_own_count()
    {
        var counts = BenchCommandLine.Replicas(["all=2", "fba-submitter=3"]);

        Assert.Equal(3, counts["fba-submitter"]);
        Assert.Equal(2, counts["fulfillment-tracker"]);
    }
}
