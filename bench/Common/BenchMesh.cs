using System.Diagnostics;
using System.Globalization;
using FbaMesh.DevMesh;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Common;

/// <summary>How a scenario wants the mesh: the create quota both sides agree on, and extra settings per app.</summary>
public sealed record MeshPlan(double CreateRate, int CreateBurst)
{
    /// <summary>Submitter pacing margin (SpApi__PacingMargin); null keeps the service's default.</summary>
    public double? PacingMargin { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Extra { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Processes per app id (devmesh --replicas); absent apps run one.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();
    /// <summary>Schedules of cron input bindings to use instead of the components' own, by component name.</summary>
    public IReadOnlyDictionary<string, string> CronSchedules { get; init; } = new Dictionary<string, string>();

    /// <summary>Deliveries in flight per subscribed sidecar on the pub/sub components; null keeps the components' own.</summary>
    public int? PubSubConcurrency { get; init; }
}

/// <summary>Starts devmesh for a scenario (fresh ports, logs under the temp folder) and times each part's start.</summary>
public static class BenchMesh
{
    public static string RepositoryRoot => new MeshOptions().RepositoryRoot;

    public static async Task<(Mesh Mesh, IReadOnlyDictionary<string, double> StartMs)> StartAsync(
        MeshPlan plan, IBenchProgress progress, CancellationToken ct)
    {
        var track = progress.Track("starting the mesh", 5);
        var timing = new StartTiming(track);
        var options = new MeshOptions
        {
            UseFreePorts = true,
            LogDirectory = Path.Combine(Path.GetTempPath(), "fbamesh-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("n")[..6]),
            ConfigureSpApi = o => o.CreatePlan = new UsagePlan(plan.CreateRate, plan.CreateBurst),
            AppEnvironment = Environment(plan),
            Replicas = plan.Replicas.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
            CronSchedules = plan.CronSchedules.ToDictionary(StringComparer.Ordinal),
            PubSubConcurrency = plan.PubSubConcurrency,
        };
        var mesh = await Mesh.StartAsync(options, timing, ct);
        track.Set(5, "mesh ready");
        return (mesh, timing.Milliseconds);
    }

    private static Dictionary<string, IDictionary<string, string>> Environment(MeshPlan plan)
    {
        var submitter = new Dictionary<string, string>
        {
            ["SpApi__CreateRate"] = plan.CreateRate.ToString(CultureInfo.InvariantCulture),
            ["SpApi__CreateBurst"] = plan.CreateBurst.ToString(CultureInfo.InvariantCulture),
        };
        if (plan.PacingMargin is { } margin)
        {
            submitter["SpApi__PacingMargin"] = margin.ToString(CultureInfo.InvariantCulture);
        }

        var env = new Dictionary<string, IDictionary<string, string>>(StringComparer.Ordinal) { ["fba-submitter"] = submitter };
        foreach (var (app, extra) in plan.Extra)
        {
            if (!env.TryGetValue(app, out var target))
            {
                env[app] = target = new Dictionary<string, string>();
            }

            foreach (var (name, value) in extra)
            {
                target[name] = value;
            }
        }

        return env;
    }

    /// <summary>Records synchronously (not through Progress&lt;T&gt;'s thread hop) when each part starts and is ready.</summary>
    private sealed class StartTiming(IProgressTrack track) : IProgress<MeshStartProgress>
    {
        private readonly Dictionary<string, long> started = [];
        private readonly Dictionary<string, double> readyMs = [];
        private int ready;

        public IReadOnlyDictionary<string, double> Milliseconds
        {
            get
            {
                lock (started)
                {
                    return new Dictionary<string, double>(readyMs);
                }
            }
        }

        public void Report(MeshStartProgress value)
        {
            lock (started)
            {
                if (value.Stage == MeshStartStage.Starting)
                {
                    started[value.Part] = Stopwatch.GetTimestamp();
                }
                else if (value.Stage == MeshStartStage.Ready && started.TryGetValue(value.Part, out var at))
                {
                    readyMs[value.Part] = Math.Round(Stopwatch.GetElapsedTime(at).TotalMilliseconds, 1);
                    track.Set(++ready, $"started {value.Part}");
                }
            }
        }
    }
}
