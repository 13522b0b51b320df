using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Ingest;

/// <summary>One round's figures against one target.</summary>
public sealed record RoundResult(
    int Concurrency, int Requests, int Errors, double Seconds, double RequestsPerSecond, LatencySummary Latency,
    double AllocatedKbPerRequest, int Gen0, int Gen1, int Gen2);

/// <summary>
/// A closed loop of <c>concurrency</c> workers, each sending one signed webhook after the other for a
/// fixed time; latency is from just before SendAsync to the answer's headers, signing left out.
/// </summary>
public static class LoadRound
{
    public const string SignatureHeader = "X-Crystallize-Signature";

    public static async Task<RoundResult> RunAsync(
        HttpClient client, Uri url, WebhookBodies bodies, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var samples = new List<double>[concurrency];
        var errors = 0;
        var (allocated, gen0, gen1, gen2) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = samples[worker] = new List<double>(4096);
            for (var i = worker; clock.Elapsed < duration && !ct.IsCancellationRequested; i += concurrency)
            {
                var body = bodies.Bodies[i % bodies.Bodies.Count];
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation(SignatureHeader, bodies.Sign(url, body));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (answer.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = samples.SelectMany(s => s).ToList();
        var allocatedKb = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / Math.Max(1, all.Count);
        return new RoundResult(
            concurrency, all.Count, errors, Math.Round(seconds, 3), Math.Round(all.Count / seconds, 1), LatencySummary.Of(all),
            Math.Round(allocatedKb, 2), GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
    }
}
