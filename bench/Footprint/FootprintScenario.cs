using System.Diagnostics;
using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Footprint;

public sealed record FootprintSettings(int Orders = 10_000, double Rate = 1000, int Burst = 1000, int SendConcurrency = 16)
{
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);
}

/// <summary>One service: start to ready (all three started side by side, and alone by a restart) and resident memory.</summary>
public sealed record ServiceFootprint(
    string AppId, double MeshStartToReadyMs, double RestartToReadyMs, double IdleRssMb, double AfterOrdersRssMb, double HighestRssMb, double PeakHwmMb, bool TargetMet);

public sealed record FootprintReport(
    RunInfo Run, FootprintSettings Settings, IReadOnlyList<ServiceFootprint> Services, double OrdersSeconds, ExactlyOnceReport Orders, string LoadAfter);

/// <summary>
/// Start time to ready, and VmRSS of each service process idle and after N orders (fast Amazon plan,
/// so the run measures the services, not the quota). VmHWM is the kernel's peak for the process.
/// </summary>
public static class FootprintScenario
{
    public const double TargetMb = 150;

    public static async Task<FootprintReport> RunAsync(FootprintSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var (mesh, startMs) = await BenchMesh.StartAsync(new MeshPlan(settings.Rate, settings.Burst) { Extra = settings.ServiceEnvironment }, progress, ct);
        await using (mesh)
        {
            var apps = mesh.Endpoints.Services.Keys.Order(StringComparer.Ordinal).ToList();
            var restartMs = new Dictionary<string, double>(StringComparer.Ordinal);
            var restartTrack = progress.Track("restart each service alone", apps.Count);
            foreach (var app in apps)
            {
                var clock = Stopwatch.StartNew();
                await mesh.RestartAsync(app, ct);
                restartMs[app] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
                restartTrack.Set(restartMs.Count, $"restarted {app} in {restartMs[app]:0} ms");
            }

            await Task.Delay(settings.IdleSettle, ct);
            var idle = MemoryWatch.Now(mesh);

            var orders = BenchSampleOrders.Load(BenchMesh.RepositoryRoot).Take(settings.Orders, fbaOnly: true);
            var sender = new WebhookSender(mesh);
            var sendTrack = progress.Track("webhooks sent", orders.Count);
            var createTrack = progress.Track("created at Amazon", orders.Count);
            await using var watch = new MemoryWatch(mesh);
            watch.Start();
            var ordersClock = Stopwatch.StartNew();
            var sending = sender.SendAllAsync(orders, settings.SendConcurrency, n => sendTrack.Set(n), ct);
            var check = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, settings.Timeout, createTrack, ct);
            await sending;
            var ordersSeconds = ordersClock.Elapsed.TotalSeconds;
            var after = MemoryWatch.Now(mesh);
            var highest = watch.Highest;

            var services = apps.Select(app => new ServiceFootprint(
                app, startMs.GetValueOrDefault(app), restartMs[app], idle[app]?.RssMb ?? 0, after[app]?.RssMb ?? 0,
                Math.Max(highest.GetValueOrDefault(app), after[app]?.RssMb ?? 0), after[app]?.PeakMb ?? 0,
                (after[app]?.RssMb ?? double.MaxValue) < TargetMb)).ToList();
            return new FootprintReport(run, settings, services, Math.Round(ordersSeconds, 1), check, RunInfo.LoadAverageNow());
        }
    }
}
