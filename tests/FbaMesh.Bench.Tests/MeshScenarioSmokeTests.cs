using FbaMesh.Bench.Chaos;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Drain;
using FbaMesh.Bench.Latency;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>
/// drain, chaos and latency at smoke size, each on its own fresh mesh (as the bench runs them). One
/// class, so they run one after another: three meshes at once would crowd a 2-core machine.
/// </summary>
public sealed class MeshScenarioSmokeTests
{
    [Fact]
    public async Task Drain_of_100_orders_loses_and_duplicates_nothing_and_writes_its_report()
    {
        // A short wait for a quiet machine: beside the other test assemblies it seldom settles.
        var settings = new DrainSettings(Orders: 100) { QuietBeforeBurst = TimeSpan.FromSeconds(1) };

        var report = await DrainScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        Assert.Equal(0, report.Orders.Lost);
        Assert.Equal(0, report.Orders.Duplicated);
        Assert.Equal(100, report.Orders.AtAmazonOnce);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(0, json.At("orders", "lost").GetInt32());
        Assert.Equal(0, json.At("orders", "duplicated").GetInt32());
        Assert.True(json.At("efficiency").GetDouble() > 0);
        Assert.Equal(100, json.At("settings", "orders").GetInt32());
        Assert.Equal(40, json.At("settings", "enricherDeliveriesInFlight").GetInt32());
        // One window of one second was looked at (a missing /proc/stat would read null and 0).
        Assert.InRange(json.At("quietBeforeBurst", "waitedSeconds").GetDouble(), 1, 5);
        Assert.InRange(json.At("quietBeforeBurst", "idleShare").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Drain_with_two_submitter_replicas_on_one_usage_plan_loses_and_duplicates_nothing()
    {
        var settings = new DrainSettings(Orders: 100) { Replicas = new Dictionary<string, int> { ["fba-submitter"] = 2 }, QuietBeforeBurst = TimeSpan.Zero };

        var report = await DrainScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        Assert.Equal(0, report.Orders.Lost);
        Assert.Equal(0, report.Orders.Duplicated);
        Assert.Equal(100, report.Orders.AtAmazonOnce);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(2, json.At("settings", "replicas", "fba-submitter").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.At("quietBeforeBurst").ValueKind); // told not to wait
    }

    [Fact]
    public async Task Drain_after_a_warm_up_counts_only_the_burst_and_checks_the_warm_up_too()
    {
        var settings = new DrainSettings(Orders: 60) { WarmUp = 10, QuietBeforeBurst = TimeSpan.Zero };

        var report = await DrainScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        Assert.True(report.Clean, report.Describe());
        Assert.Equal(10, report.WarmUpOrders!.AtAmazonOnce);
        Assert.Equal(60, report.Orders.AtAmazonOnce);
        // Amazon made 70 orders in all; the burst's figures count its own 60 only.
        Assert.Equal(60, report.Creates);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(10, json.At("settings", "warmUp").GetInt32());
        Assert.Equal(0, json.At("warmUpOrders", "lost").GetInt32());
        Assert.Equal(60, json.At("creates").GetInt32());
    }

    [Fact]
    public async Task Chaos_of_100_orders_with_kills_and_faults_loses_and_duplicates_nothing()
    {
        var settings = new ChaosSettings(Orders: 100, SendPerSecond: 20)
        {
            KillEvery = TimeSpan.FromSeconds(1.5),
            FaultEvery = TimeSpan.FromSeconds(0.5),
        };

        var report = await ChaosScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        var run = Assert.Single(report.Runs);
        Assert.True(run.Orders.Clean, $"lost {string.Join(", ", run.Orders.LostOrderIds)}; duplicated {string.Join(", ", run.Orders.DuplicatedOrderIds)}");
        Assert.Equal(0, run.Orders.WrongFinalState);
        Assert.Equal(0, run.Orders.Unsettled);
        // Sending is paced over about 5 s and the first kill comes within 2.25 s of the start; the chaos
        // goes on until every app, the tracker too, was killed once.
        Assert.Contains(run.Events, e => e.Kind == "kill");
        Assert.Contains(run.Events, e => e.Kind == "fault");
        Assert.True(run.KillsByApp.GetValueOrDefault("fulfillment-tracker") >= 1, $"kills: {string.Join(", ", run.KillsByApp.Select(k => $"{k.Key} {k.Value}"))}");
        // Amazon shipped every FBA order; each one's status and tracking reached Crystallize, no change written twice.
        Assert.Equal(run.Orders.ExpectedAtAmazon, run.MovedOnAtAmazon);
        Assert.Equal(run.MovedOnAtAmazon, run.WriteBacks.Shipped);
        Assert.True(run.WriteBacks.Lost == 0, $"tracking never reached Crystallize for {string.Join(", ", run.WriteBacks.LostOrderIds)}");
        Assert.True(run.WriteBacks.Duplicated == 0, $"the same change written twice to {string.Join(", ", run.WriteBacks.DuplicatedOrderIds)}");
        Assert.Equal(run.WriteBacks.Shipped, run.WriteBacks.TrackingWritten);
        Assert.True(run.WriteBacks.WritesByOperation.GetValueOrDefault("updateOrder") >= run.WriteBacks.Shipped);
        var json = await JsonReport.RoundTripAsync(report);
        Assert.True(json.At("clean").GetBoolean());
        Assert.Equal(0, json.At("lost").GetInt32());
        Assert.Equal(0, json.At("duplicated").GetInt32());
        Assert.Equal(0, json.At("lostWriteBacks").GetInt32());
        Assert.Equal(0, json.At("duplicatedWriteBacks").GetInt32());
        Assert.Equal(run.WriteBacks.Shipped, json.At("runs")[0].At("writeBacks", "trackingWritten").GetInt32());
        Assert.Equal(100, json.At("runs")[0].At("orders", "orders").GetInt32());
    }

    [Fact]
    public async Task Latency_of_a_few_orders_reports_every_hop()
    {
        var report = await LatencyScenario.RunAsync(new LatencySettings(Orders: 5, WarmUp: 1), SilentProgress.Instance, CancellationToken.None);

        Assert.True(report.Orders.Clean);
        Assert.Equal(5, report.Hops.Count);
        Assert.All(report.Hops, hop => Assert.Equal(5, hop.Latency.Count));
        var json = await JsonReport.RoundTripAsync(report);
        Assert.Equal(5, json.At("hops").GetArrayLength());
        Assert.Equal(5, json.At("hops")[0].At("latency", "count").GetInt32());
    }
}
