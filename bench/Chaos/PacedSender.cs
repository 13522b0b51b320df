using System.Diagnostics;
using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Chaos;

/// <summary>Sends orders at a steady pace (not as one burst) so kills and faults land among orders in flight.</summary>
public static class PacedSender
{
    public static async Task SendAsync(WebhookSender sender, IReadOnlyList<BenchOrder> orders, double perSecond, IProgressTrack track, CancellationToken ct)
    {
        using var inFlight = new SemaphoreSlim(64);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var tasks = new List<Task>(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            await inFlight.WaitAsync(ct);
            var order = orders[i];
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await sender.SendAsync(order, ct);
                    track.Set(Interlocked.Increment(ref sent));
                }
                finally
                {
                    inFlight.Release();
                }
            }, ct));
        }

        await Task.WhenAll(tasks);
    }
}
