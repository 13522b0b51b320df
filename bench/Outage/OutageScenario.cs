using System.Diagnostics;
using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Outage;

public sealed record OutageSettings(double AmazonMinutes = 4, double GatewayMinutes = 2, double SendPerSecond = 4, double Rate = 50, int Burst = 30)
{
    /// <summary>Normal traffic before, between and after the two outages.</summary>
    public TimeSpan Calm { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Crystallize's webhook attempts before it gives up, and the first pause (doubled each time).</summary>
    public int WebhookAttempts { get; init; } = 4;

    public TimeSpan WebhookFirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The bench's short schedules (production: every 15 s and every 15 min).</summary>
    public string RedriveSchedule { get; init; } = "@every 1s";

    public string SweepSchedule { get; init; } = "@every 10s";

    /// <summary>The redrive backoff cap for the bench (production: 10 min), so recovery is measured in seconds.</summary>
    public TimeSpan RedriveMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

public sealed record OutagePhase(string Name, double StartSeconds, double EndSeconds);

public sealed record OutageReport(
    RunInfo Run,
    OutageSettings Settings,
    int Orders,
    int Lost,
    int Duplicated,
    int OperatorActions,
    long WebhooksGivenUp,
    long WebhookRetries,
    int WaitingSeen,
    double RecoveryToSettledSeconds,
    bool Clean,
    ExactlyOnceReport Detail,
    EmulatorStatsSnapshot Amazon,
    IReadOnlyList<OutagePhase> Phases,
    string LoadAfter);

/// <summary>
/// Orders keep arriving while Amazon answers 503 for minutes and later the gateway is down, so Crystallize
/// gives up on the webhooks it could not deliver. Nobody touches the operator API. Afterwards every FBA
/// order must be at Amazon exactly once: the Waiting orders by the redrive scheduler, the orders whose
/// webhook was given up by the reconciliation sweep.
/// </summary>
public static class OutageScenario
{
    public static async Task<OutageReport> RunAsync(OutageSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var plan = new MeshPlan(settings.Rate, settings.Burst)
        {
            Extra = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["order-enricher"] = new Dictionary<string, string>
                {
                    ["Redrive__FirstDelay"] = "00:00:01",
                    ["Redrive__MaxDelay"] = settings.RedriveMaxDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                    ["Redrive__BucketWidth"] = "00:00:05",
                    ["Redrive__Lag"] = "00:00:30",
                    ["Sweep__Window"] = "01:00:00",
                    ["Sweep__MinInterval"] = "00:00:05",
                    ["Sweep__PageInterval"] = "00:00:00.050",
                },
            },
            CronSchedules = new Dictionary<string, string>
            {
                ["fbamesh-redrive"] = settings.RedriveSchedule,
                ["fbamesh-reconcile"] = settings.SweepSchedule,
            },
        };
        var (mesh, _) = await BenchMesh.StartAsync(plan, progress, ct);
        await using (mesh)
        {
            var calm = settings.Calm;
            var amazonDown = TimeSpan.FromMinutes(settings.AmazonMinutes);
            var gatewayDown = TimeSpan.FromMinutes(settings.GatewayMinutes);
            var total = calm + amazonDown + calm + gatewayDown + calm;
            var count = Math.Max(1, (int)Math.Ceiling(total.TotalSeconds * settings.SendPerSecond));
            var orders = BenchSampleOrders.Load(BenchMesh.RepositoryRoot).Take(count, fbaOnly: false);
            var crystallize = new CrystallizeWebhookRetries(mesh, settings.WebhookAttempts, settings.WebhookFirstRetry);
            var sendTrack = progress.Track("orders created at Crystallize", orders.Count);
            var settleTrack = progress.Track("FBA orders at Amazon", orders.Count(o => o.GoesToAmazon));

            var clock = Stopwatch.StartNew();
            var phases = new List<OutagePhase>();
            using var watch = new WaitingWatch(mesh, orders);
            var watching = watch.RunAsync(ct);
            var sending = SendAsync(crystallize, orders, settings.SendPerSecond, sendTrack, ct);

            await Task.Delay(calm, ct);
            var amazonFrom = clock.Elapsed.TotalSeconds;
            mesh.SpApi!.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, StatusCode = 503, Duration = amazonDown });
            progress.Note($"Amazon answers 503 for {amazonDown.TotalSeconds:0} s");
            await Task.Delay(amazonDown, ct);
            mesh.SpApi.Faults.Clear();
            phases.Add(new OutagePhase("amazon-503", Math.Round(amazonFrom, 1), Math.Round(clock.Elapsed.TotalSeconds, 1)));

            await Task.Delay(calm, ct);
            var gatewayFrom = clock.Elapsed.TotalSeconds;
            await mesh.KillAsync("webhook-gateway");
            progress.Note($"gateway down for {gatewayDown.TotalSeconds:0} s");
            await Task.Delay(gatewayDown, ct);
            await mesh.RestartAsync("webhook-gateway", ct);
            var recovered = clock.Elapsed;
            phases.Add(new OutagePhase("gateway-down", Math.Round(gatewayFrom, 1), Math.Round(recovered.TotalSeconds, 1)));

            await sending;
            var result = await ExactlyOnce.SettleAndCheckAsync(mesh, orders, settings.SettleTimeout, settleTrack, ct);
            var settled = clock.Elapsed;
            await watch.StopAsync(watching);

            var operatorActions = await OperatorRetriesAsync(mesh, orders, ct);
            var clean = result.Clean && result.WrongFinalState == 0 && result.Unsettled == 0 && operatorActions == 0;
            return new OutageReport(
                run, settings, orders.Count, result.Lost, result.Duplicated, operatorActions, crystallize.GivenUp, crystallize.Retries, watch.WaitingSeen,
                Math.Round((settled - recovered).TotalSeconds, 1), clean, result, mesh.SpApi.Stats.Snapshot(), phases, RunInfo.LoadAverageNow());
        }
    }

    /// <summary>Creates orders at a steady pace for the whole run; each one's webhook is retried, then given up.</summary>
    private static async Task SendAsync(CrystallizeWebhookRetries crystallize, IReadOnlyList<BenchOrder> orders, double perSecond, IProgressTrack track, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var created = 0;
        var tasks = new List<Task>(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            var order = orders[i];
            tasks.Add(Task.Run(() => crystallize.CreateAndNotifyAsync(order, ct), ct));
            track.Set(Interlocked.Increment(ref created));
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>Retries an operator asked for, summed over the run's orders: the scenario needs none.</summary>
    private static async Task<int> OperatorRetriesAsync(Mesh mesh, IReadOnlyList<BenchOrder> orders, CancellationToken ct)
    {
        var total = 0;
        foreach (var order in orders)
        {
            total += (await mesh.GetOrderAsync(order.Id, ct))?.OperatorRetries ?? 0;
        }

        return total;
    }
}
