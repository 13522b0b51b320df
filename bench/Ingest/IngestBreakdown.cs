using System.Diagnostics;
using System.Text;
using Dapr.Client;
using FbaMesh.Bench.Common;
using FbaMesh.Crystallize.Signing;

namespace FbaMesh.Bench.Ingest;

/// <summary>What one step of the gateway's work costs on its own, in this process.</summary>
public sealed record StepCost(string Step, int Concurrency, int Operations, double OperationsPerSecond, double MeanMicroseconds, LatencySummary Latency, double AllocatedKbPerOperation);

/// <summary>
/// The profile behind the ingest ratio (no dotnet-counters here): the gateway's two costly steps timed
/// alone — signature verification (CPU only) and the publish to its sidecar (one gRPC round trip,
/// as the gateway's DaprClient makes it) — at the same concurrency as the load rounds.
/// </summary>
public static class IngestBreakdown
{
    public static async Task<IReadOnlyList<StepCost>> MeasureAsync(WebhookBodies bodies, IGatewayTarget gateway, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), TimeProvider.System);
        var url = gateway.Url;
        var tokens = bodies.Bodies.Select(b => bodies.Sign(url, b)).ToArray();
        var verify = await TimeAsync("verify signature (CPU)", 1, duration, i =>
        {
            var at = i % tokens.Length;
            if (!verifier.Verify(tokens[at], WebhookBodies.DevSecret, url.OriginalString, "POST", bodies.Bodies[at]).IsValid)
            {
                throw new InvalidOperationException("The bench's own signature did not verify.");
            }

            return Task.CompletedTask;
        }, ct);

        using var dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{gateway.SidecarGrpcPort}").UseDaprApiToken(gateway.SidecarApiToken).Build();
        var data = Encoding.UTF8.GetBytes("""{"orderId":"6724c1a95e1d4b0012a3f101","tenantIdentifier":"fbamesh-dev"}""");
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = "bench-breakdown" };
        var publish = await TimeAsync("publish to sidecar (gRPC)", concurrency, duration, _ =>
            dapr.PublishByteEventAsync("fbamesh-pubsub", "orders.received", data, "application/json", metadata, ct), ct);
        return [verify, publish];
    }

    private static async Task<StepCost> TimeAsync(string step, int concurrency, TimeSpan duration, Func<int, Task> operation, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            await operation(i);
        }

        var samples = new List<double>[concurrency];
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = samples[worker] = [];
            for (var i = worker; clock.Elapsed < duration && !ct.IsCancellationRequested; i += concurrency)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = samples.SelectMany(s => s).ToList();
        return new StepCost(
            step, concurrency, all.Count, Math.Round(all.Count / seconds, 1), Math.Round(all.Average() * 1000, 1), LatencySummary.Of(all),
            Math.Round((GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / Math.Max(1, all.Count), 2));
    }
}
