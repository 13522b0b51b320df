using System.Diagnostics;
using System.Globalization;
using System.Net;
using FbaMesh.Bench.Common;
using FbaMesh.DaprEmulator.Redis;
using FbaMesh.DevMesh;
using FbaMesh.LoopbackPorts;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Chaos;

public sealed record KillAllSettings(int Orders = 300, int Kills = 1, int Seed = 8, double Rate = 50, int Burst = 30)
{
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>One crash of the whole mesh: how many processes died, and what Amazon held then.</summary>
public sealed record KillAllCrash(int Number, int ProcessesKilled, int AcceptedBefore, int AtAmazonWhenKilled, double SecondsIntoRun);

public sealed record KillAllReport(
    RunInfo Run, KillAllSettings Settings, IReadOnlyList<KillAllCrash> Crashes, double RecoverySeconds, double TotalSeconds,
    ExactlyOnceReport Orders, int Lost, int Duplicated, bool Clean, string LoadAfter);

/// <summary>
/// The durable mesh (devmesh --durable as its own process, on a redis-server this run owns) takes every
/// order's webhook, then devmesh and every process under it (sidecars, watchdogs, services) are
/// SIGKILLed at once while the orders are in flight; a new devmesh starts on the same Redis and must get
/// every FBA order to Amazon exactly once. Amazon and Crystallize (the emulators) live in this process,
/// outside the mesh, so what Amazon received is counted across the crashes.
/// </summary>
public static class KillAllScenario
{
    public static async Task<KillAllReport> RunAsync(KillAllSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var root = BenchMesh.RepositoryRoot;
        var folder = Directory.CreateTempSubdirectory("fbamesh-killall-").FullName;
        var clock = Stopwatch.StartNew();
        await using var redis = await LocalRedisServer.StartAsync(FreeTcpPort.Next(), Path.Combine(folder, "redis"), ct);
        await using var upstreams = await StandaloneUpstreams.StartAsync(new MeshOptions
        {
            RepositoryRoot = root,
            ConfigureSpApi = o => o.CreatePlan = new UsagePlan(settings.Rate, settings.Burst),
        });
        string[] arguments = ["--durable", "--redis-host", redis.Host, .. upstreams.DevMeshArguments];
        var orders = Shuffle(BenchSampleOrders.Load(root).Take(settings.Orders, fbaOnly: false), settings.Seed);
        foreach (var order in orders)
        {
            upstreams.Crystallize.PutOrder(order.Id, order.Order);
        }

        var crashes = new List<KillAllCrash>();
        var batches = orders.Chunk(Math.Max(1, (int)Math.Ceiling(orders.Count / (double)settings.Kills))).ToList();
        var accepted = 0;
        for (var crash = 1; crash <= settings.Kills; crash++)
        {
            var mesh = await DevMeshChild.StartAsync(root, Path.Combine(folder, $"mesh-{crash}"), arguments, settings.StartTimeout, ct);
            progress.Note($"mesh {crash} up (devmesh pid {mesh.ProcessId}, Redis {redis.Host})");
            var batch = crash <= batches.Count ? batches[crash - 1] : [];
            var track = progress.Track($"mesh {crash}: webhooks accepted", batch.Length);
            await SendAllAsync(upstreams, mesh, batch, n => track.Set(n, $"{n}/{batch.Length}"), ct);
            accepted += batch.Length;

            // Everything at once while the orders are still being worked on.
            var atAmazon = ExactlyOnce.AmazonCounts(upstreams.SpApi).Count;
            var killed = mesh.KillEverything();
            await WaitAllGoneAsync(killed, ct);
            crashes.Add(new KillAllCrash(crash, killed.Count, accepted, atAmazon, Math.Round(clock.Elapsed.TotalSeconds, 2)));
            progress.Note($"crash {crash}: SIGKILLed {killed.Count} processes with {accepted - atAmazon} accepted orders not yet at Amazon");
            await mesh.DisposeAsync();
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using var last = await DevMeshChild.StartAsync(root, Path.Combine(folder, "mesh-final"), arguments, settings.StartTimeout, ct);
        progress.Note($"mesh restarted on the same Redis (devmesh pid {last.ProcessId})");
        var settle = progress.Track("FBA orders at Amazon after the crash", orders.Count(o => o.GoesToAmazon));
        var result = await ExactlyOnce.SettleAndCheckAsync(upstreams.SpApi, last.GetOrderAsync, orders, settings.SettleTimeout, settle, ct);
        var lastCreate = upstreams.SpApi.FulfillmentOrders.Select(o => o.ReceivedAt).DefaultIfEmpty(restartedAt).Max();
        var report = new KillAllReport(
            run, settings, crashes, Math.Round(Math.Max(0, (lastCreate - restartedAt).TotalSeconds), 2), Math.Round(clock.Elapsed.TotalSeconds, 2),
            result, result.Lost, result.Duplicated, result.Clean && result.WrongFinalState == 0 && result.Unsettled == 0, RunInfo.LoadAverageNow());
        if (report.Clean)
        {
            TryDelete(folder);
        }
        else
        {
            // The logs of every mesh and the Redis data are the evidence: kept.
            progress.Note($"not clean: the meshes' logs and the Redis data are kept in {folder}");
        }

        return report;
    }

    private static async Task SendAllAsync(StandaloneUpstreams upstreams, DevMeshChild mesh, IReadOnlyList<BenchOrder> orders, Action<int> sent, CancellationToken ct)
    {
        var webhookUrl = mesh.Endpoints.GatewayWebhookUrl;
        var done = 0;
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (order, token) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                HttpStatusCode? status;
                try
                {
                    using var answer = await upstreams.Crystallize.SendOrderCreatedWebhookAsync(order.Id, webhookUrl, token);
                    status = answer.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = null;
                }
                catch (TaskCanceledException) when (!token.IsCancellationRequested)
                {
                    // No answer within the sender's timeout: a shop counts that as a failure and sends again.
                    status = null;
                }

                if (status == HttpStatusCode.Accepted)
                {
                    break;
                }

                // A mesh that is gone will not come back by itself before the crash: say why, now.
                mesh.EnsureRunning();

                // A shop retries for minutes; a mesh restarting on a loaded machine can take longer than a few seconds.
                if (attempt >= 90)
                {
                    throw new InvalidOperationException($"The gateway did not accept order {order.Id} (last answer {(status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "no connection")}).");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 2000)), token);
            }

            sent(Interlocked.Increment(ref done));
        });
    }

    private static async Task WaitAllGoneAsync(IReadOnlyList<int> pids, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Any(LinuxProcesses.IsAlive))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"Processes {string.Join(", ", pids.Where(LinuxProcesses.IsAlive))} outlived SIGKILL.");
            }

            await Task.Delay(50, ct);
        }
    }

    private static List<BenchOrder> Shuffle(IReadOnlyList<BenchOrder> orders, int seed)
    {
        var list = orders.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Logs left in the temp folder are harmless.
        }
    }
}
