using System.Diagnostics;
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
}

public sealed record ChaosRun(
    int Run, int Seed, double SendSeconds, double ChaosSeconds, int Kills, int Faults, int AtAmazonWhenChaosEnded, double RecoverySeconds, double SettleSeconds,
    long WebhookRetries, ExactlyOnceReport Orders, EmulatorStatsSnapshot Amazon, IReadOnlyList<ChaosEvent> Events);

public sealed record ChaosReport(RunInfo Run, ChaosSettings Settings, IReadOnlyList<ChaosRun> Runs, int Lost, int Duplicated, bool Clean, string LoadAfter);

/// <summary>
/// N orders (every sample fixture, FBA or not) while services are SIGKILLed and restarted and both
/// upstreams fail; afterwards every FBA order must be at Amazon exactly once and every order in its
/// expected final state. Each run is a fresh mesh with its own seed (seed + run number).
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
            progress.Note($"run {i}: lost {last.Orders.Lost}, duplicated {last.Orders.Duplicated}, wrong final state {last.Orders.WrongFinalState}, recovery {last.RecoverySeconds:0.0} s");
        }

        var lost = runs.Sum(r => r.Orders.Lost);
        var duplicated = runs.Sum(r => r.Orders.Duplicated);
        return new ChaosReport(run, settings, runs, lost, duplicated, runs.All(r => r.Orders.Clean && r.Orders.WrongFinalState == 0 && r.Orders.Unsettled == 0), RunInfo.LoadAverageNow());
    }

    private static async Task<ChaosRun> RunOnceAsync(ChaosSettings settings, int number, int seed, IBenchProgress progress, CancellationToken ct)
    {
        var (mesh, _) = await BenchMesh.StartAsync(new MeshPlan(settings.Rate, settings.Burst) { Replicas = settings.Replicas }, progress, ct);
        await using (mesh)
        {
            var orders = Shuffle(BenchSampleOrders.Load(BenchMesh.RepositoryRoot).Take(settings.Orders, fbaOnly: false), seed);
            var sender = new WebhookSender(mesh);
            var monkey = new ChaosMonkey(mesh, seed, progress);
            var sendTrack = progress.Track($"run {number}: webhooks sent under chaos", orders.Count);
            var settleTrack = progress.Track($"run {number}: FBA orders at Amazon", orders.Count(o => o.GoesToAmazon));

            var clock = Stopwatch.StartNew();
            using var stopChaos = new CancellationTokenSource();
            var chaos = monkey.RunAsync(settings.KillEvery, settings.FaultEvery, stopChaos.Token);
            await PacedSender.SendAsync(sender, orders, settings.SendPerSecond, sendTrack, ct);
            var sendSeconds = clock.Elapsed.TotalSeconds;
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
            var events = monkey.Events;
            return new ChaosRun(
                number, seed, Math.Round(sendSeconds, 2), Math.Round(chaosSeconds, 2), events.Count(e => e.Kind == "kill"), events.Count(e => e.Kind == "fault"), (int)atAmazonThen,
                Math.Round(Math.Max(0, (lastCreate - chaosEnd).TotalSeconds), 2), Math.Round(settleSeconds, 2), sender.Retries, result,
                mesh.SpApi.Stats.Snapshot(), events);
        }
    }

    private static List<BenchOrder> Shuffle(IReadOnlyList<BenchOrder> orders, int seed)
    {
        var list = orders.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
