using System.Diagnostics;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Drain;

/// <summary>One look at the SP-API emulator's counters.</summary>
public sealed record QuotaSample(double Seconds, long Creates, long Throttled);

/// <summary>
/// Reads the SP-API emulator's create and 429 counters every few milliseconds, so a 429 can be placed
/// before or after the moment the burst was spent (the emulator counts 429s but keeps no times).
/// </summary>
public sealed class QuotaSampler(SpApiEmulatorApp amazon) : IAsyncDisposable
{
    private readonly List<QuotaSample> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private Task? loop;
    private int disposed;

    public void Start() => loop = Task.Run(RunAsync);

    public IReadOnlyList<QuotaSample> Samples
    {
        get
        {
            lock (samples)
            {
                return [.. samples];
            }
        }
    }

    /// <summary>429s met after the first sample that saw <paramref name="burst"/> creates: the burst was spent by then.</summary>
    public long ThrottledAfter(int burst)
    {
        var all = Samples;
        var spent = all.FirstOrDefault(s => s.Creates >= burst);
        return spent is null ? 0 : all[^1].Throttled - spent.Throttled;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            do
            {
                var create = amazon.Stats.For("createFulfillmentOrder").Snapshot();
                lock (samples)
                {
                    samples.Add(new QuotaSample(clock.Elapsed.TotalSeconds, amazon.Stats.Creates, create.Throttled));
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }
}
