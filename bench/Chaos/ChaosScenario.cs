using System.Diagnostics;
using System.Globalization;
using FbaMesh.Bench.Common;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Chaos;

public sealed record ChaosSettings(int Orders = 1000, int Runs = 1, int Seed = 8, double SendPerSecond = 40, double Rate = 50, int Burst = 30)
{
    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan FaultEvery { get; init; } = TimeSpan.FromSeconds(1.5);

    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Processes per app id (devmesh --replicas); the monkey kills any one instance at a time.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// The tracker's poll (the fbamesh-tracking-poll cron binding) in this run, instead of the component's
    /// 5 minutes: the backup for notifications lost while the tracker was down, within the run.
    /// </summary>
    public TimeSpan TrackingPollEvery { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Chaos goes on after the last webhook until every app was killed once, at most this long.</summary>
    public TimeSpan KillEveryAppWithin { get; init; } = TimeSpan.FromSeconds(90);
}

/// <param name="KillsByApp">Kills per app id (the fulfillment-tracker among them).</param>
/// <param name="MovedOnAtAmazon">Orders Amazon moved to Complete (shipped) during and after the chaos.</param>
/// <param name="WriteBacks">What of Amazon's progress reached Crystallize: tracking lost, writes duplicated.</param>
/// <param name="WriteBackSeconds">From the end of the chaos until every shipped order showed its tracking in Crystallize.</param>
public sealed record ChaosRun(
    int Run, int Seed, double SendSeconds, double ChaosSeconds, int Kills, int Faults, int AtAmazonWhenChaosEnded, double RecoverySeconds, double SettleSeconds,
    long WebhookRetries, ExactlyOnceReport Orders, EmulatorStatsSnapshot Amazon, IReadOnlyList<ChaosEvent> Events,
    IReadOnlyDictionary<string, int> KillsByApp, int MovedOnAtAmazon, WriteBackReport WriteBacks, double WriteBackSeconds);

/// <param name="LostWriteBacks">Shipped orders whose status or tracking never reached Crystallize, over all runs.</param>
/// <param name="DuplicatedWriteBacks">Crystallize writes that repeated the same change, over all runs.</param>
public sealed record ChaosReport(
    RunInfo Run, ChaosSettings Settings, IReadOnlyList<ChaosRun> Runs, int Lost, int Duplicated, bool Clean, string LoadAfter,
    int LostWriteBacks, int DuplicatedWriteBacks);

/// <summary>
/// N orders (every sample fixture, FBA or not) while services (the fulfillment-tracker too) are
/// SIGKILLed and restarted and both upstreams fail, and Amazon ships what it receives; afterwards every
/// FBA order must be at Amazon exactly once, every order in its expected final state, and every shipped
/// order's status and tracking in Crystallize, no change written twice. Each run is a fresh mesh with
/// its own seed (seed + run number).
/// </summary>
public static class ChaosScenario
{
    public static async Task<ChaosReport> RunAsync(ChaosSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var runs = new List<ChaosRun>();
        for (var i = 1; i <= settings.Runs; i++)
        {
            runs.Add(await RunOnceAsync(settings, i, settings.Seed + i - 1, progress, ct));
            var last = runs[^1];
            progress.Note($"run {i}: lost {last.Orders.Lost}, duplicated {last.Orders.Duplicated}, wrong final state {last.Orders.WrongFinalState}, recovery {last.RecoverySeconds:0.0} s; " +
                $"write-backs: tracking lost {last.WriteBacks.Lost}/{last.WriteBacks.Shipped}, duplicated {last.WriteBacks.Duplicated}");
        }

        var lost = runs.Sum(r => r.Orders.Lost);
        var duplicated = runs.Sum(r => r.Orders.Duplicated);
        var clean = runs.All(r => r.Orders.Clean && r.Orders.WrongFinalState == 0 && r.Orders.Unsettled == 0 && r.WriteBacks.Clean);
        return new ChaosReport(
            run, settings, runs, lost, duplicated, clean, RunInfo.LoadAverageNow(), runs.Sum(r => r.WriteBacks.Lost), runs.Sum(r => r.WriteBacks.Duplicated));
    }

    private static async Task<ChaosRun> RunOnceAsync(ChaosSettings settings, int number, int seed, IBenchProgress progress, CancellationToken ct)
    {
        var plan = new MeshPlan(settings.Rate, settings.Burst)
        {
            Replicas = settings.Replicas,
            CronSchedules = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["fbamesh-tracking-poll"] = string.Create(CultureInfo.InvariantCulture, $"@every {settings.TrackingPollEvery.TotalSeconds:0}s"),
            },
        };
        var (mesh, _) = await BenchMesh.StartAsync(plan, progress, ct);
        await using (mesh)
        {
            var orders = Shuffle(BenchSampleOrders.Load(BenchMesh.RepositoryRoot).Take(settings.Orders, fbaOnly: false), seed);
            var sender = new WebhookSender(mesh);
            var monkey = new ChaosMonkey(mesh, seed, progress);
            var sendTrack = progress.Track($"run {number}: webhooks sent under chaos", orders.Count);
            var settleTrack = progress.Track($"run {number}: FBA orders at Amazon", orders.Count(o => o.GoesToAmazon));

            var clock = Stopwatch.StartNew();
            using var shipper = new AmazonShipper(mesh.SpApi!, orders.Select(o => o.Id));
            using var stopShipping = new CancellationTokenSource();
            var shipping = shipper.RunAsync(TimeSpan.FromMilliseconds(500), stopShipping.Token);
            using var stopChaos = new CancellationTokenSource();
            var chaos = monkey.RunAsync(settings.KillEvery, settings.FaultEvery, stopChaos.Token);
            await PacedSender.SendAsync(sender, orders, settings.SendPerSecond, sendTrack, ct);
            var sendSeconds = clock.Elapsed.TotalSeconds;
            // A short run must kill every app too (the tracker while it writes back): go on until it has.
            var extra = Stopwatch.StartNew();
            while (!monkey.EveryAppKilled && extra.Elapsed < settings.KillEveryAppWithin)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }

            await stopChaos.CancelAsync();
            await chaos;
            mesh.SpApi!.Faults.Clear();
            mesh.Crystallize!.Faults.Clear();
            var chaosEnd = DateTimeOffset.UtcNow;
            var atAmazonThen = mesh.SpApi.Stats.Creates;
            var chaosSeconds = clock.Elapsed.TotalSeconds;

            var result = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, settings.SettleTimeout, settleTrack, ct);
            var settleSeconds = clock.Elapsed.TotalSeconds - chaosSeconds;
            var lastCreate = mesh.SpApi.FulfillmentOrders.Select(o => o.ReceivedAt).DefaultIfEmpty(chaosEnd).Max();

            // Every order Amazon holds is shipped, then its tracking must reach Crystallize once.
            await stopShipping.CancelAsync();
            await shipping;
            await shipper.MoveAllAsync(settings.SettleTimeout, ct);
            var writeTrack = progress.Track($"run {number}: tracking written back to Crystallize", shipper.Moved.Count);
            var ids = orders.Select(o => o.Id).ToList();
            await WriteBackCheck.WaitAndCheckAsync(mesh.SpApi, mesh.Crystallize!, [.. shipper.Moved.Keys], ids, settings.SettleTimeout, writeTrack, ct);
            var writeBackSeconds = (DateTimeOffset.UtcNow - chaosEnd).TotalSeconds;
            // One more poll: a late repeat of a write already made would show now.
            await Task.Delay(settings.TrackingPollEvery, ct);
            var writeBacks = WriteBackCheck.Check(mesh.SpApi, mesh.Crystallize!, [.. shipper.Moved.Keys], ids);

            var events = monkey.Events;
            var killsByApp = events.Where(e => e.Kind == "kill").GroupBy(e => e.Target.Split('#')[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new ChaosRun(
                number, seed, Math.Round(sendSeconds, 2), Math.Round(chaosSeconds, 2), events.Count(e => e.Kind == "kill"), events.Count(e => e.Kind == "fault"), (int)atAmazonThen,
                Math.Round(Math.Max(0, (lastCreate - chaosEnd).TotalSeconds), 2), Math.Round(settleSeconds, 2), sender.Retries, result,
                mesh.SpApi.Stats.Snapshot(), events, killsByApp, shipper.Moved.Count, writeBacks, Math.Round(writeBackSeconds, 2));
        }
    }

    private static List<BenchOrder> Shuffle(IReadOnlyList<BenchOrder> orders, int seed)
    {
        var list = orders.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
