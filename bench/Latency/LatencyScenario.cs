using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Latency;

public sealed record LatencySettings(int Orders = 200, int WarmUp = 10, double Rate = 50, int Burst = 30)
{
    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Processes per app id (devmesh --replicas).</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();
}

public sealed record HopFigures(string Hop, string HowMeasured, LatencySummary Latency);

public sealed record LatencyReport(RunInfo Run, LatencySettings Settings, IReadOnlyList<HopFigures> Hops, ExactlyOnceReport Orders, string LoadAfter);

/// <summary>
/// Orders one at a time, far below the quota: each is sent only after Amazon received the one before,
/// so the figures are the mesh's own path, not queueing. The first orders warm up (JIT, token, pools).
/// </summary>
public static class LatencyScenario
{
    public static async Task<LatencyReport> RunAsync(LatencySettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var (mesh, _) = await BenchMesh.StartAsync(new MeshPlan(settings.Rate, settings.Burst) { Replicas = settings.Replicas }, progress, ct);
        await using (mesh)
        {
            var orders = BenchSampleOrders.Load(BenchMesh.RepositoryRoot).Take(settings.WarmUp + settings.Orders, fbaOnly: true);
            var sender = new WebhookSender(mesh);
            var track = progress.Track("orders, one at a time", orders.Count);
            var timelines = new List<OrderTimeline>();
            for (var i = 0; i < orders.Count; i++)
            {
                var timeline = await OrderTimeline.MeasureAsync(mesh, sender, orders[i], settings.OrderTimeout, ct);
                if (i >= settings.WarmUp)
                {
                    timelines.Add(timeline);
                }

                track.Set(i + 1);
            }

            var check = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, TimeSpan.FromSeconds(60), null, ct);
            HopFigures[] hops =
            [
                new("webhook → Amazon request", "SP-API emulator ReceivedAt − send started", LatencySummary.Of(timelines.Select(t => t.TotalMs))),
                new("gateway ack", "answer (202) received − send started; includes the Crystallize emulator's sender building the body (it runs the attached query) and signing it, so the gateway's own time is in ingest", LatencySummary.Of(timelines.Select(t => t.AckMs))),
                new("webhook → published", "Dapr emulator CloudEvent PublishedAt − send started", LatencySummary.Of(timelines.Select(t => t.PublishMs))),
                new("delivery to enricher + Crystallize fetch", "Crystallize emulator request-log time of the 200 read − PublishedAt", LatencySummary.Of(timelines.Select(t => t.DeliveryAndFetchMs))),
                new("map + submit (invocation, pacing, SP-API call)", "SP-API emulator ReceivedAt − Crystallize read time", LatencySummary.Of(timelines.Select(t => t.SubmitMs))),
            ];
            return new LatencyReport(run, settings, hops, check, RunInfo.LoadAverageNow());
        }
    }
}
