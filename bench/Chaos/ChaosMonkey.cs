using System.Diagnostics;
using System.Globalization;
using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;
using SpApiFault = FbaMesh.SpApiEmulator.FaultRule;
using SpApiFaultKind = FbaMesh.SpApiEmulator.FaultKind;
using CrystallizeFault = FbaMesh.CrystallizeEmulator.Admin.FaultRule;

namespace FbaMesh.Bench.Chaos;

/// <summary>
/// Seeded trouble while orders flow: one loop SIGKILLs the services in turn (a seeded order of every
/// instance, the fulfillment-tracker included, then a new order), leaves each down a moment and
/// restarts it; another injects SP-API 5xx (also after the order was committed), timeouts (also after
/// commit) and 429 storms, and Crystallize 503s. Both stop when asked; every service is up again then.
/// </summary>
public sealed class ChaosMonkey(Mesh mesh, int seed, IBenchProgress progress)
{
    private readonly List<ChaosEvent> events = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public IReadOnlyList<ChaosEvent> Events
    {
        get
        {
            lock (events)
            {
                return [.. events.OrderBy(e => e.AtSeconds)];
            }
        }
    }

    /// <summary>The app ids killed at least once so far.</summary>
    public IReadOnlySet<string> AppsKilled
    {
        get
        {
            lock (events)
            {
                return events.Where(e => e.Kind == "kill").Select(e => AppIdOf(e.Target)).ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>True once every app id of the mesh has been killed at least once.</summary>
    public bool EveryAppKilled => mesh.Endpoints.Services.Values.Select(s => s.AppId).All(AppsKilled.Contains);

    public Task RunAsync(TimeSpan killEvery, TimeSpan faultEvery, CancellationToken stop) =>
        Task.WhenAll(KillLoopAsync(new Random(seed), killEvery, stop), FaultLoopAsync(new Random(seed + 1), faultEvery, stop));

    private async Task KillLoopAsync(Random random, TimeSpan every, CancellationToken stop)
    {
        var turn = new Queue<string>();
        while (await PauseAsync(random, every, stop))
        {
            // Any instance of any app, each in turn: with --replicas, one replica goes down while the
            // others carry on; in turn, so that a short run too kills every app (the tracker as well).
            if (turn.Count == 0)
            {
                var apps = mesh.Endpoints.Services.Keys.Order(StringComparer.Ordinal).ToArray();
                random.Shuffle(apps);
                turn = new Queue<string>(apps);
            }

            var app = turn.Dequeue();
            var down = TimeSpan.FromMilliseconds(random.Next(100, 1500));
            await mesh.KillAsync(app);
            Record("kill", app, $"SIGKILL, down {down.TotalMilliseconds:0} ms");
            await Task.Delay(down, CancellationToken.None);
            var restart = Stopwatch.StartNew();
            // Restart even when asked to stop: the run must end with every service up.
            await mesh.RestartAsync(app, CancellationToken.None);
            Record("restart", app, $"ready after {restart.Elapsed.TotalMilliseconds:0} ms");
        }
    }

    private async Task FaultLoopAsync(Random random, TimeSpan every, CancellationToken stop)
    {
        while (await PauseAsync(random, every, stop))
        {
            var pick = random.Next(6);
            var count = random.Next(1, 6);
            var (target, detail) = pick switch
            {
                0 => Amazon(new SpApiFault { Operation = "createFulfillmentOrder", StatusCode = random.Next(2) == 0 ? 500 : 503, Count = count }, $"5xx before commit ×{count}"),
                1 => Amazon(new SpApiFault { Operation = "createFulfillmentOrder", AfterCommit = true, Count = count }, $"500 after commit ×{count}"),
                2 => Amazon(new SpApiFault { Operation = "createFulfillmentOrder", Kind = SpApiFaultKind.Timeout, Delay = TimeSpan.FromSeconds(2), Count = Math.Min(count, 2) }, "timeout (dropped) before commit"),
                3 => Amazon(new SpApiFault { Operation = "createFulfillmentOrder", Kind = SpApiFaultKind.Timeout, AfterCommit = true, Delay = TimeSpan.FromSeconds(2), Count = Math.Min(count, 2) }, "timeout (dropped) after commit"),
                4 => Amazon(new SpApiFault { Kind = SpApiFaultKind.QuotaStorm, Duration = TimeSpan.FromMilliseconds(random.Next(500, 3000)) }, "429 storm on every operation"),
                _ => Crystallize(new CrystallizeFault(503, count * 2, 0.5, null, TimeSpan.Zero, random.Next()), $"503 ×{count * 2} at rate 0.5"),
            };
            Record("fault", target, detail);
        }
    }

    private (string, string) Amazon(SpApiFault fault, string detail)
    {
        mesh.SpApi!.Faults.Add(fault);
        return ("sp-api", detail);
    }

    private (string, string) Crystallize(CrystallizeFault fault, string detail)
    {
        mesh.Crystallize!.Faults.Add(fault);
        return ("crystallize", detail);
    }

    /// <summary>A seeded pause of 0.5–1.5 × <paramref name="every"/>; false once asked to stop.</summary>
    private static async Task<bool> PauseAsync(Random random, TimeSpan every, CancellationToken stop)
    {
        try
        {
            await Task.Delay(every * (0.5 + random.NextDouble()), stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>app-id#2 is an instance of app-id.</summary>
    private static string AppIdOf(string instance) => instance.Split('#')[0];

    private void Record(string kind, string target, string detail)
    {
        var e = new ChaosEvent(Math.Round(clock.Elapsed.TotalSeconds, 2), kind, target, detail);
        lock (events)
        {
            events.Add(e);
        }

        progress.Note(string.Create(CultureInfo.InvariantCulture, $"{e.AtSeconds,7:0.00} s  {kind,-7} {target,-16} {detail}"));
    }
}
