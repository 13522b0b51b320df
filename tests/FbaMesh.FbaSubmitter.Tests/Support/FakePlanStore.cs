using System.Globalization;
using FbaMesh.FbaSubmitter.SharedPacing;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>
/// A state store as Dapr's behave for the shared plan: ETags change on every write and a write with a
/// stale ETag is refused. It can also fail on purpose (down) and make writes conflict as if another
/// replica had just written.
/// </summary>
internal sealed class FakePlanStore : IPlanStore
{
    private readonly Dictionary<string, (PlanRecord Record, string ETag)> items = new(StringComparer.Ordinal);
    private readonly Random random;
    private long version;

    public FakePlanStore(int seed = 1) => random = new Random(seed);

    /// <summary>While true, every call throws as a store that cannot be reached.</summary>
    public bool Down { get; set; }

    /// <summary>Fraction of reads after which another writer changes the record before the caller writes.</summary>
    public double InterleavedWriters { get; set; }

    /// <summary>Reads wait for this task: callers can gather before the first booking.</summary>
    public Task ReadsOpen { get; set; } = Task.CompletedTask;

    /// <summary>When set, every write takes this long on this clock: the clock is moved on by it.</summary>
    public (FakeTimeProvider Clock, TimeSpan Took)? SlowWrites { get; set; }

    /// <summary>Every record written, with the time its write came back (on <see cref="SlowWrites"/>' clock).</summary>
    public List<(PlanRecord Record, DateTimeOffset Back)> Written { get; } = [];

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public int Conflicts { get; private set; }

    public PlanRecord? this[string key]
    {
        get
        {
            lock (items)
            {
                return items.TryGetValue(key, out var item) ? item.Record : null;
            }
        }
    }

    public async Task<VersionedPlan> GetAsync(string key, CancellationToken cancellationToken)
    {
        await ReadsOpen;
        await Task.Yield();
        lock (items)
        {
            ThrowIfDown();
            Reads++;
            if (!items.TryGetValue(key, out var item))
            {
                return new VersionedPlan(null, null);
            }

            var read = new VersionedPlan(item.Record, item.ETag);
            if (random.NextDouble() < InterleavedWriters)
            {
                // Someone else rewrote the same record: the caller's ETag is stale now.
                items[key] = (item.Record, NextETag());
            }

            return read;
        }
    }

    public async Task<bool> TrySaveAsync(string key, PlanRecord record, string? etag, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (SlowWrites is var (clock, took))
        {
            clock.Advance(took);
        }

        lock (items)
        {
            ThrowIfDown();
            var exists = items.TryGetValue(key, out var item);
            if (etag is null ? exists : !exists || item.ETag != etag)
            {
                Conflicts++;
                return false;
            }

            Writes++;
            items[key] = (record, NextETag());
            Written.Add((record, SlowWrites?.Clock.GetUtcNow() ?? default));
            return true;
        }
    }

    private string NextETag() => (++version).ToString(CultureInfo.InvariantCulture);

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new HttpRequestException("connection refused (fake store is down)");
        }
    }
}
