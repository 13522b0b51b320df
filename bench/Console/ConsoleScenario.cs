using System.Diagnostics;
using Dapr.Client;
using FbaMesh.Bench.Common;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FbaMesh.Bench.Console;

public sealed record ConsoleSettings(int Orders, int Requests);

/// <summary>One console page: its median and 95th percentile time, and both as a ratio to the baseline's median.</summary>
public sealed record ConsolePage(string Name, string Path, double MedianMs, double P95Ms, double MedianRatio, double P95Ratio, bool TargetMet);

public sealed record ConsoleReport(ConsoleSettings Settings, RunInfo Run, double IndexSeconds, double IndexOrdersPerSecond, double BaselineMedianMs, IReadOnlyList<ConsolePage> Pages);

/// <summary>
/// The console with a full index: N orders over the last 24 hours (a tenth of them Failed) written through the
/// enricher's own order state store (state and index) into its sidecar's state store, then each page fetched with the operator token
/// and timed end to end (request out, whole page in), beside the enricher's /healthz as the same-run baseline.
/// The target is a page in under 200 ms at the 95th percentile.
/// </summary>
public static class ConsoleScenario
{
    public const double TargetMs = 200;

    public static async Task<ConsoleReport> RunAsync(ConsoleSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var run = RunInfo.Now();
        var (mesh, _) = await BenchMesh.StartAsync(new MeshPlan(2, 30), progress, ct);
        await using (mesh)
        {
            var sidecar = mesh.Sidecars["order-enricher"];
            using var dapr = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).UseDaprApiToken(sidecar.Options.DaprApiToken).Build();
            var storeOptions = Options.Create(new OrderStateOptions());
            var store = new OrderStateStore(dapr, storeOptions, new OrderIndex(dapr, storeOptions, TimeProvider.System, NullLogger<OrderIndex>.Instance));

            var fill = progress.Track("filling the index", settings.Orders);
            var now = DateTimeOffset.UtcNow;
            var states = Enumerable.Range(0, settings.Orders).Select(i => new OrderState
            {
                OrderId = OrderIds.New(),
                Status = i % 10 == 0 ? OrderStatus.Failed : OrderStatus.Submitted,
                ReasonCode = i % 10 == 0 ? "amazon-rejected" : null,
                ReceivedAt = now.AddSeconds(-(i * 86_000.0 / settings.Orders)),
                UpdatedAt = now.AddSeconds(-(i * 86_000.0 / settings.Orders)),
            }).ToList();
            var written = 0;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(states, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (state, token) =>
            {
                if (!await store.TrySaveAsync(state, null, token))
                {
                    throw new InvalidOperationException($"Order {state.OrderId} was already stored.");
                }

                fill.Set(Interlocked.Increment(ref written), "orders indexed");
            });
            var indexSeconds = clock.Elapsed.TotalSeconds;

            var enricher = mesh.Endpoints.Services["order-enricher"].AppUrl;
            using var http = new HttpClient { BaseAddress = enricher, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", mesh.Endpoints.OperatorToken);
            var failedId = states.First(s => s.Status == OrderStatus.Failed).OrderId;
            var targets = new (string Name, string Path)[]
            {
                ("baseline /healthz", "/healthz"),
                ("order list", "/console"),
                ("failed orders", "/console?status=Failed"),
                ("list page 100", "/console?page=100"),
                ("one order", $"/console/orders/{failedId}"),
                ("dead letters", "/console/dead-letters"),
            };
            var timing = progress.Track("timing pages", targets.Length * settings.Requests);
            var medians = new List<(string Name, string Path, double Median, double P95)>();
            var done = 0;
            foreach (var (name, path) in targets)
            {
                var samples = new List<double>();
                for (var i = 0; i < settings.Requests + 3; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(path, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
                    }

                    if (i >= 3)
                    {
                        samples.Add(ms); // the first three warm the path up
                        timing.Set(++done, name);
                    }
                }

                samples.Sort();
                medians.Add((name, path, samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1]));
            }

            var baseline = medians[0].Median;
            var pages = medians.Skip(1).Select(m => new ConsolePage(m.Name, m.Path, m.Median, m.P95, m.Median / baseline, m.P95 / baseline, m.P95 < TargetMs)).ToList();
            return new ConsoleReport(settings, run, indexSeconds, settings.Orders / indexSeconds, baseline, pages);
        }
    }
}
