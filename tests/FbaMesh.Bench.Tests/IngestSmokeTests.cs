using FbaMesh.Bench.Common;
using FbaMesh.Bench.Ingest;
using Xunit;

namespace FbaMesh.Bench.Tests;

public sealed class IngestSmokeTests
{
    [Fact]
    public async Task A_tiny_ingest_run_gets_202_from_baseline_and_gateway_and_writes_its_report()
    {
        var settings = new IngestSettings([1, 4], Rounds: 1, RoundDuration: TimeSpan.FromMilliseconds(300), Bodies: 14);

        var report = await IngestScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        Assert.Equal(2, report.Levels.Count);
        Assert.All(report.Levels, level =>
        {
            Assert.Equal(0, level.Baseline.Errors);
            Assert.Equal(0, level.Gateway.Errors);
            Assert.True(level.Baseline.Requests > 0, "the baseline endpoint answered requests");
            Assert.True(level.Gateway.Requests > 0, "the gateway answered requests");
        });
        // Every accepted webhook was published to the gateway's sidecar (202 only after the publish).
        Assert.True(report.PublishedSeen > 0);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(2, json.At("levels").GetArrayLength());
        Assert.True(json.At("levels")[0].At("baseline", "requestsPerSecond").GetDouble() > 0);
        Assert.True(json.At("levels")[0].At("gateway", "requestsPerSecond").GetDouble() > 0);
    }
}
