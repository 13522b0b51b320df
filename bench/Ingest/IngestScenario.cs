using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Ingest;

public sealed record IngestSettings(IReadOnlyList<int> Concurrency, int Rounds, TimeSpan RoundDuration, int Bodies = 140)
{
    /// <summary>Extra gateway configuration (NAME=VALUE, as --NAME=VALUE), to try a setting against the same baseline.</summary>
    public IReadOnlyList<string> GatewaySettings { get; init; } = [];

    /// <summary>Load the devmesh child process instead of the gateway hosted in this process.</summary>
    public bool ChildProcess { get; init; }
}

/// <summary>
/// The four targets at one concurrency: medians over the rounds, and the gateway's throughput over the bare
/// baseline (<see cref="ThroughputRatio"/>), over the mandatory work and over the Node.js peer.
/// </summary>
public sealed record IngestLevel(
    int Concurrency, SideFigures Baseline, SideFigures Gateway, double ThroughputRatio, bool RatioTargetMet, bool P99TargetMet)
{
    public SideFigures? MandatoryWork { get; init; }

    public SideFigures? Peer { get; init; }

    public double RatioToMandatoryWork { get; init; }

    public double RatioToPeer { get; init; }
}

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
    RunInfo Run, IngestSettingsView Settings, double BodyBytesAverage, IReadOnlyList<IngestLevel> Levels, IReadOnlyList<StepCost> Breakdown, int PublishedSeen, string LoadAfter)
{
    /// <summary>Events the mandatory-work endpoint published to the gateway's sidecar (part of <see cref="PublishedSeen"/>).</summary>
    public int MandatoryWorkPublished { get; init; }
}

public sealed record IngestSettingsView(IReadOnlyList<int> Concurrency, int Rounds, double RoundSeconds, IReadOnlyList<string> GatewaySettings, bool ChildProcess);

/// <summary>
/// Signed webhooks against the gateway (verification + publish to its sidecar) and three baselines: bare
/// Kestrel in this process, the mandatory work (verify + publish through DaprClient to the gateway's own
/// sidecar) in this process, and a Node.js server verifying with Crystallize's own verifier. Same client,
/// same bodies, same concurrency; the rounds rotate the four, each round starting one further, so drift in
/// the machine's load hits all alike.
/// </summary>
public static class IngestScenario
{
    public const double RatioTarget = 0.5;
    public const double P99TargetMs = 20;

    /// <summary>Gateway over the mandatory work at concurrency 32: what the gateway adds beyond what it must do.</summary>
    public const double MandatoryWorkRatioTarget = 0.8;

    /// <summary>Gateway over the Node.js peer at concurrency 32.</summary>
    public const double PeerRatioTarget = 2;

    public static async Task<IngestReport> RunAsync(IngestSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var root = BenchMesh.RepositoryRoot;
        var bodies = WebhookBodies.Create(root, settings.Bodies);
        var (baseline, baselineUrl) = await BaselineEndpoint.StartAsync(GatewayUnderLoad.WebhookPath);
        await using IGatewayTarget gateway = settings.ChildProcess
            ? await ChildGateway.StartAsync(settings.GatewaySettings, progress, ct)
            : await GatewayUnderLoad.StartAsync(root, settings.GatewaySettings);
        await using var mandatory = await MandatoryWorkEndpoint.StartAsync(GatewayUnderLoad.WebhookPath, gateway);
        await using var peer = await NodePeer.StartAsync(GatewayUnderLoad.WebhookPath, ct);
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var levels = new List<IngestLevel>();
            var track = progress.Track("ingest rounds", settings.Concurrency.Count * settings.Rounds * 4);
            var done = 0;
            foreach (var concurrency in settings.Concurrency)
            {
                // A short warm-up of both (JIT, connection pool, secret cache) is not counted.
                var warmUp = TimeSpan.FromMilliseconds(Math.Min(1000, settings.RoundDuration.TotalMilliseconds / 2));
                Uri[] targets = [baselineUrl, mandatory.Url, peer.Url, gateway.Url];
                string[] names = ["baseline", "mandatory work", "peer", "gateway"];
                foreach (var target in targets)
                {
                    await LoadRound.RunAsync(client, target, bodies, concurrency, warmUp, ct);
                }

                var results = targets.Select(_ => new List<RoundResult>()).ToArray();
                for (var round = 0; round < settings.Rounds; round++)
                {
                    // Each round starts with the next target, so no side always follows the same one
                    // (and pays for, say, the garbage the bare baseline left in this process).
                    foreach (var t in Enumerable.Range(0, targets.Length).Select(i => (i + round) % targets.Length))
                    {
                        results[t].Add(await LoadRound.RunAsync(client, targets[t], bodies, concurrency, settings.RoundDuration, ct));
                        track.Set(++done, $"c={concurrency} round {round + 1}: {names[t]} {results[t][^1].RequestsPerSecond:0} req/s");
                    }
                }

                var (bs, ms, ps, gs) = (SideFigures.Of(results[0]), SideFigures.Of(results[1]), SideFigures.Of(results[2]), SideFigures.Of(results[3]));
                var ratio = Ratio(gs, bs);
                levels.Add(new IngestLevel(concurrency, bs, gs, ratio, ratio >= RatioTarget, gs.P99Ms < P99TargetMs)
                {
                    MandatoryWork = ms,
                    Peer = ps,
                    RatioToMandatoryWork = Ratio(gs, ms),
                    RatioToPeer = Ratio(gs, ps),
                });
                progress.Note($"concurrency {concurrency}: baseline {bs.RequestsPerSecond:0}, mandatory work {ms.RequestsPerSecond:0}, peer {ps.RequestsPerSecond:0}, gateway {gs.RequestsPerSecond:0} req/s; gateway p99 {gs.P99Ms:0.0} ms");
            }

            var breakdown = await IngestBreakdown.MeasureAsync(bodies, gateway, settings.Concurrency.Max(), settings.RoundDuration, ct);
            return new IngestReport(
                run, new IngestSettingsView(settings.Concurrency, settings.Rounds, settings.RoundDuration.TotalSeconds, settings.GatewaySettings, settings.ChildProcess),
                Math.Round(bodies.AverageBytes), levels, breakdown, gateway.Published, RunInfo.LoadAverageNow())
            {
                MandatoryWorkPublished = mandatory.Published,
            };
        }
        finally
        {
            await baseline.StopAsync();
            await baseline.DisposeAsync();
        }
    }

    private static double Ratio(SideFigures gateway, SideFigures other) =>
        other.RequestsPerSecond > 0 ? Math.Round(gateway.RequestsPerSecond / other.RequestsPerSecond, 3) : 0;
}
