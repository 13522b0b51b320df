using FbaMesh.Bench.Common;
using FbaMesh.Bench.Ingest;
using Xunit;

namespace FbaMesh.Bench.Tests;

public sealed class IngestSmokeTests
{
    [Fact]
    public async Task A_tiny_ingest_run_gets_202_from_every_baseline_and_the_gateway_and_writes_its_report()
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
            // The mandatory work (verify + publish) and the Node.js peer (Crystallize's own verifier)
            // answered every signed webhook with 202: a refused signature would count as an error.
            Assert.NotNull(level.MandatoryWork);
            Assert.NotNull(level.Peer);
            Assert.Equal(0, level.MandatoryWork.Errors);
            Assert.Equal(0, level.Peer.Errors);
            Assert.True(level.MandatoryWork.Requests > 0, "the mandatory-work endpoint answered requests");
            Assert.True(level.Peer.Requests > 0, "the Node.js peer answered requests");
        });
        // The mandatory work published one event per answered request (warm-up rounds included).
        Assert.True(report.MandatoryWorkPublished >= report.Levels.Sum(l => l.MandatoryWork!.Requests));
        // Every accepted webhook was published to the gateway's sidecar (202 only after the publish).
        Assert.True(report.PublishedSeen > 0);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(2, json.At("levels").GetArrayLength());
        Assert.True(json.At("levels")[0].At("baseline", "requestsPerSecond").GetDouble() > 0);
        Assert.True(json.At("levels")[0].At("gateway", "requestsPerSecond").GetDouble() > 0);
        Assert.True(json.At("levels")[0].At("mandatoryWork", "requestsPerSecond").GetDouble() > 0);
        Assert.True(json.At("levels")[0].At("peer", "requestsPerSecond").GetDouble() > 0);
        Assert.True(json.At("levels")[0].At("ratioToPeer").GetDouble() > 0);
    }
}
