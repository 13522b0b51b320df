using System.Diagnostics;
using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Drain;

public sealed record DrainSettings(int Orders = 1000, double Rate = 50, int Burst = 30, int SendConcurrency = 16, double? PacingMargin = null)
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Processes per app id (e.g. fba-submitter=3 on one shared usage plan).</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Orders sent through the whole mesh before the burst and not counted (0: the burst meets a mesh just
    /// started). They are checked for loss and duplicates like the burst's; the plan refills before the burst.
    /// </summary>
    public int WarmUp { get; init; }

    /// <summary>The machine's CPU idle share over one second that counts as quiet before the burst.</summary>
    public const double QuietIdleShare = 0.9;

    /// <summary>
    /// The longest wait for a quiet machine before the burst (zero: none): the burst meets the mesh, not the
    /// CPU still spent by whatever started it (docs/BENCHMARKS.md, "The issue's own command").
    /// </summary>
    public TimeSpan QuietBeforeBurst { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Deliveries in flight per enricher sidecar (pub/sub <c>concurrency</c>); null: sized from the plan.</summary>
    public int? DeliveriesInFlight { get; init; }

    /// <summary>
    /// What the mesh runs with: the given value, or the plan's rate times a cold submit's latency (≈ 0.8 s)
    /// shared by the enricher's replicas, at least Dapr's default 10 and at most 100 (DESIGN §14: with fewer,
    /// the submitters cannot be handed the burst while their first creates are slow, and the plan's refill is lost).
    /// </summary>
    public int EnricherDeliveriesInFlight => DeliveriesInFlight ?? SizedForPlan(Rate, Replicas.TryGetValue("order-enricher", out var n) ? n : 1);

    private static int SizedForPlan(double rate, int enricherReplicas) =>
        Math.Clamp((int)Math.Ceiling(rate * ColdSubmitLatency.TotalSeconds / Math.Max(1, enricherReplicas)), 10, 100);

    /// <summary>Measured: a cold mesh's first submits took 0.8–1.3 s (docs/BENCHMARKS.md, "What holds the drain below its cap").</summary>
    private static readonly TimeSpan ColdSubmitLatency = TimeSpan.FromSeconds(0.8);
}

public sealed record DrainReport(
    RunInfo Run,
    DrainSettings Settings,
    double SendSeconds,
    double SecondsToAllCreated,
    double CreateWindowSeconds,
    long Creates,
    double Efficiency,
    double SteadyRatePerSecond,
    long Throttled,
    long ThrottledAfterBurst,
    long DuplicatesRefused,
    long WebhookRetries,
    ExactlyOnceReport Orders,
    bool EfficiencyTargetMet,
    bool NoThrottleAfterBurst,
    IReadOnlyDictionary<string, double> ServiceStartMs,
    string LoadAfter,
    ExactlyOnceReport? WarmUpOrders = null,
    QuietWait? QuietBeforeBurst = null)
{
    /// <summary>No loss and no duplicate, in the burst and in the warm-up before it.</summary>
    public bool Clean => Orders.Clean && WarmUpOrders?.Clean != false;

    public string Describe() => WarmUpOrders is { Clean: false } warm ? $"warm-up: {warm.Describe()}" : Orders.Describe();

    /// <summary>Creates per second from the first create to the last: the pipeline's throughput when the plan is no limit.</summary>
    public double CreatesPerSecond => CreateWindowSeconds > 0 ? Math.Round(Creates / CreateWindowSeconds, 1) : 0;
}

/// <summary>
/// A burst of N FBA orders into the mesh with Amazon's create quota at rate R, burst B, and the
/// submitter told the same plan. Efficiency = creates / (B + R·T), T from the first create to the last:
/// 1.0 means the quota was used to the last token, less means the mesh left quota unused.
/// </summary>
public static class DrainScenario
{
    public const double EfficiencyTarget = 0.95;

    public static async Task<DrainReport> RunAsync(DrainSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var plan = new MeshPlan(settings.Rate, settings.Burst)
        {
            PacingMargin = settings.PacingMargin, Extra = settings.ServiceEnvironment, Replicas = settings.Replicas,
            PubSubConcurrency = settings.EnricherDeliveriesInFlight,
        };
        var (mesh, startMs) = await BenchMesh.StartAsync(plan, progress, ct);
        await using (mesh)
        {
            var samples = BenchSampleOrders.Load(BenchMesh.RepositoryRoot);
            var warmUp = await WarmUpAsync(mesh, samples, settings, progress, ct);
            var quiet = settings.QuietBeforeBurst > TimeSpan.Zero
                ? await QuietMachine.WaitAsync(DrainSettings.QuietIdleShare, TimeSpan.FromSeconds(1), settings.QuietBeforeBurst, TimeProvider.System, CpuTimes.Read, ct)
                : null;
            var before = AmazonCounts.Of(mesh);
            var orders = samples.Take(settings.Orders, fbaOnly: true);
            var sender = new WebhookSender(mesh);
            var sendTrack = progress.Track("webhooks sent", orders.Count);
            var createTrack = progress.Track("created at Amazon", orders.Count);
            await using var sampler = new QuotaSampler(mesh.SpApi!);
            sampler.Start();
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            await sender.SendAllAsync(orders, settings.SendConcurrency, n => sendTrack.Set(n), ct);
            var sendSeconds = clock.Elapsed.TotalSeconds;
            var result = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, settings.Timeout, createTrack, ct);
            await sampler.DisposeAsync();

            var ids = orders.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            var times = mesh.SpApi!.FulfillmentOrders.Where(o => ids.Contains(o.SellerFulfillmentOrderId)).Select(o => o.ReceivedAt).Order().ToList();
            var window = times.Count > 1 ? (times[^1] - times[0]).TotalSeconds : 0;
            var efficiency = times.Count / (settings.Burst + (settings.Rate * window));
            var steady = times.Count > settings.Burst && window > 0
                ? (times.Count - settings.Burst) / (times[^1] - times[Math.Min(settings.Burst, times.Count - 1)]).TotalSeconds
                : 0;
            var burst = AmazonCounts.Of(mesh) - before;
            var afterBurst = sampler.ThrottledAfter(settings.Burst);
            return new DrainReport(
                run, settings, Math.Round(sendSeconds, 2), times.Count > 0 ? Math.Round((times[^1] - started).TotalSeconds, 2) : 0,
                Math.Round(window, 2), burst.Creates, Math.Round(efficiency, 3), Math.Round(steady, 1), burst.Throttled, afterBurst,
                burst.DuplicatesRefused, sender.Retries, result, efficiency >= EfficiencyTarget, afterBurst == 0, startMs, RunInfo.LoadAverageNow(), warmUp, quiet);
        }
    }

    /// <summary>
    /// Sends the warm-up orders, waits until each is settled and checks them, then waits until Amazon's bucket
    /// and the submitters' shared plan are full again (twice the time the rate takes to refill the burst).
    /// </summary>
    private static async Task<ExactlyOnceReport?> WarmUpAsync(
        Mesh mesh, BenchSampleOrders samples, DrainSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        if (settings.WarmUp <= 0)
        {
            return null;
        }

        var orders = samples.Take(settings.WarmUp, fbaOnly: true);
        var track = progress.Track("warm-up orders settled", orders.Count);
        await new WebhookSender(mesh).SendAllAsync(orders, settings.SendConcurrency, _ => { }, ct);
        var result = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, settings.Timeout, track, ct);
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, 2 * settings.Burst / settings.Rate)), ct);
        return result;
    }

    /// <summary>The SP-API emulator's create counters, so the burst's can be told from the warm-up's.</summary>
    private readonly record struct AmazonCounts(long Creates, long Throttled, long DuplicatesRefused)
    {
        public static AmazonCounts Of(Mesh mesh) =>
            new(mesh.SpApi!.Stats.Creates, mesh.SpApi.Stats.For("createFulfillmentOrder").Snapshot().Throttled, mesh.SpApi.Stats.DuplicatesRefused);

        public static AmazonCounts operator -(AmazonCounts a, AmazonCounts b) =>
            new(a.Creates - b.Creates, a.Throttled - b.Throttled, a.DuplicatesRefused - b.DuplicatesRefused);
    }
}
