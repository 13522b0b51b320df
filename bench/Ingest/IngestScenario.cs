using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Ingest;

public sealed record IngestSettings(IReadOnlyList<int> Concurrency, int Rounds, TimeSpan RoundDuration, int Bodies = 140)
{
    /// <summary>Extra gateway configuration (NAME=VALUE, as --NAME=VALUE), to try a setting against the same baseline.</summary>
    public IReadOnlyList<string> GatewaySettings { get; init; } = [];

    /// <summary>Load the devmesh child process instead of the gateway hosted in this process.</summary>
    public bool ChildProcess { get; init; }
}

/// <summary>Baseline and gateway at one concurrency: medians over the rounds, and gateway/baseline.</summary>
public sealed record IngestLevel(
    int Concurrency, SideFigures Baseline, SideFigures Gateway, double ThroughputRatio, bool RatioTargetMet, bool P99TargetMet);

public sealed record SideFigures(
    double RequestsPerSecond, double P50Ms, double P99Ms, double P999Ms, int Requests, int Errors,
    double AllocatedKbPerRequest, int Gen0, int Gen1, int Gen2, IReadOnlyList<RoundResult> Rounds)
{
    public static SideFigures Of(IReadOnlyList<RoundResult> rounds) => new(
        LatencySummary.Median(rounds.Select(r => r.RequestsPerSecond)),
        LatencySummary.Median(rounds.Select(r => r.Latency.P50)),
        LatencySummary.Median(rounds.Select(r => r.Latency.P99)),
        LatencySummary.Median(rounds.Select(r => r.Latency.P999)),
        rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors),
        LatencySummary.Median(rounds.Select(r => r.AllocatedKbPerRequest)),
        rounds.Sum(r => r.Gen0), rounds.Sum(r => r.Gen1), rounds.Sum(r => r.Gen2), rounds);
}

public sealed record IngestReport(
    RunInfo Run, IngestSettingsView Settings, double BodyBytesAverage, IReadOnlyList<IngestLevel> Levels, IReadOnlyList<StepCost> Breakdown, int PublishedSeen, string LoadAfter);

public sealed record IngestSettingsView(IReadOnlyList<int> Concurrency, int Rounds, double RoundSeconds, IReadOnlyList<string> GatewaySettings, bool ChildProcess);

/// <summary>
/// Signed webhooks against the gateway (verification + publish to its sidecar) and against a bare
/// Kestrel baseline in this process: same client, same bodies, same concurrency, rounds alternating
/// baseline, gateway, baseline, gateway… so drift in the machine's load hits both alike.
/// </summary>
public static class IngestScenario
{
    public const double RatioTarget = 0.5;
    public const double P99TargetMs = 20;

    public static async Task<IngestReport> RunAsync(IngestSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var root = BenchMesh.RepositoryRoot;
        var bodies = WebhookBodies.Create(root, settings.Bodies);
        var (baseline, baselineUrl) = await BaselineEndpoint.StartAsync(GatewayUnderLoad.WebhookPath);
        await using IGatewayTarget gateway = settings.ChildProcess
            ? await ChildGateway.StartAsync(settings.GatewaySettings, progress, ct)
            : await GatewayUnderLoad.StartAsync(root, settings.GatewaySettings);
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var levels = new List<IngestLevel>();
            var track = progress.Track("ingest rounds", settings.Concurrency.Count * settings.Rounds * 2);
            var done = 0;
            foreach (var concurrency in settings.Concurrency)
            {
                // A short warm-up of both (JIT, connection pool, secret cache) is not counted.
                var warmUp = TimeSpan.FromMilliseconds(Math.Min(1000, settings.RoundDuration.TotalMilliseconds / 2));
                await LoadRound.RunAsync(client, baselineUrl, bodies, concurrency, warmUp, ct);
                await LoadRound.RunAsync(client, gateway.Url, bodies, concurrency, warmUp, ct);
                var (b, g) = (new List<RoundResult>(), new List<RoundResult>());
                for (var round = 0; round < settings.Rounds; round++)
                {
                    b.Add(await LoadRound.RunAsync(client, baselineUrl, bodies, concurrency, settings.RoundDuration, ct));
                    track.Set(++done, $"c={concurrency} round {round + 1}: baseline {b[^1].RequestsPerSecond:0} req/s");
                    g.Add(await LoadRound.RunAsync(client, gateway.Url, bodies, concurrency, settings.RoundDuration, ct));
                    track.Set(++done, $"c={concurrency} round {round + 1}: gateway {g[^1].RequestsPerSecond:0} req/s");
                }

                var (bs, gs) = (SideFigures.Of(b), SideFigures.Of(g));
                var ratio = bs.RequestsPerSecond > 0 ? Math.Round(gs.RequestsPerSecond / bs.RequestsPerSecond, 3) : 0;
                levels.Add(new IngestLevel(concurrency, bs, gs, ratio, ratio >= RatioTarget, gs.P99Ms < P99TargetMs));
                progress.Note($"concurrency {concurrency}: baseline {bs.RequestsPerSecond:0} req/s, gateway {gs.RequestsPerSecond:0} req/s, ratio {ratio:0.00}, gateway p99 {gs.P99Ms:0.0} ms");
            }

            var breakdown = await IngestBreakdown.MeasureAsync(bodies, gateway, settings.Concurrency.Max(), settings.RoundDuration, ct);
            return new IngestReport(
                run, new IngestSettingsView(settings.Concurrency, settings.Rounds, settings.RoundDuration.TotalSeconds, settings.GatewaySettings, settings.ChildProcess),
                Math.Round(bodies.AverageBytes), levels, breakdown, gateway.Published, RunInfo.LoadAverageNow());
        }
        finally
        {
            await baseline.StopAsync();
            await baseline.DisposeAsync();
        }
    }
}
