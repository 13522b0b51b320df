using System.Diagnostics;
using FbaMesh.Bench.Common;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Drain;

/// <summary>One look at the SP-API emulator's counters.</summary>
public sealed record QuotaSample(double Seconds, long Creates, long Throttled);

/// <summary>
/// Reads the SP-API emulator's create and 429 counters every few milliseconds, so a 429 can be placed
/// before or after the moment the burst was spent (the emulator counts 429s but keeps no times).
/// </summary>
public sealed class QuotaSampler : IAsyncDisposable
{
    private readonly List<QuotaSample> samples = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly PeriodicProbe probe;

    public QuotaSampler(SpApiEmulatorApp amazon) =>
        probe = new PeriodicProbe(TimeSpan.FromMilliseconds(5), () =>
        {
            var create = amazon.Stats.For("createFulfillmentOrder").Snapshot();
            lock (samples)
            {
                samples.Add(new QuotaSample(clock.Elapsed.TotalSeconds, amazon.Stats.Creates, create.Throttled));
            }
        });

    public void Start() => probe.Start();

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

    /// <summary>
    /// 429s met after the first sample that saw <paramref name="burst"/> creates since sampling started (a
    /// warm-up's creates came before): the burst was spent by then.
    /// </summary>
    public long ThrottledAfter(int burst)
    {
        var all = Samples;
        var before = all.Count > 0 ? all[0].Creates : 0;
        var spent = all.FirstOrDefault(s => s.Creates - before >= burst);
        return spent is null ? 0 : all[^1].Throttled - spent.Throttled;
    }

    public ValueTask DisposeAsync() => probe.DisposeAsync();
}
