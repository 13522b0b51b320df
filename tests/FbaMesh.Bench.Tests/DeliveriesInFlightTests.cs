using FbaMesh.Bench.Cli;
using FbaMesh.Bench.Drain;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>The drain sizes the enricher's pub/sub deliveries in flight from its plan (DESIGN §14), or takes the given value.</summary>
public sealed class DeliveriesInFlightTests
{
    [Theory]
    [InlineData(50, 1, 40)]    // the drain's default plan: 0.8 s of 50/s
    [InlineData(50, 2, 20)]    // shared by two enricher replicas
    [InlineData(2, 1, 10)]     // Amazon's real plan: Dapr's default is ample
    [InlineData(1000, 1, 100)] // the plan-free ceiling runs: bounded
    public void The_default_follows_the_rate_and_the_enricher_replicas(double rate, int enrichers, int expected)
    {
        var settings = new DrainSettings(Rate: rate) { Replicas = new Dictionary<string, int> { ["order-enricher"] = enrichers } };

        Assert.Equal(expected, settings.EnricherDeliveriesInFlight);
    }

    [Fact]
    public void A_given_value_wins_over_the_plan() =>
        Assert.Equal(10, new DrainSettings(Rate: 50) { DeliveriesInFlight = 10 }.EnricherDeliveriesInFlight);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Fewer_than_one_is_refused_before_any_mesh_starts(string value)
    {
        var parse = BenchCommandLine.Build().Parse(["drain", "--deliveries-in-flight", value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--deliveries-in-flight must be at least 1", StringComparison.Ordinal));
    }
}
