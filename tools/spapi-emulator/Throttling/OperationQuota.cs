using System.Threading.RateLimiting;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// One operation's token bucket. The platform limiter holds the tokens; it runs without its own timer and
/// is refilled from <see cref="TimeProvider"/> timestamps, so tests move the clock instead of sleeping.
/// Refill bookkeeping is one compare-and-swap, so concurrent callers never queue on a lock of ours.
/// </summary>
internal sealed class OperationQuota : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _bucket;
    private readonly long _periodTicks;
    private readonly long _maxPeriodsPerRefill;
    private long _lastRefill;

    public OperationQuota(UsagePlan plan, TimeProvider time)
    {
        plan.Validate();
        Plan = plan;
        _time = time;

        // Whole tokens per period, with periods of at least ~1 ms so fast plans need few replenish calls.
        var tokensPerPeriod = (int)Math.Clamp(Math.Ceiling(plan.Rate / 1000), 1, plan.Burst);
        var period = TimeSpan.FromSeconds(tokensPerPeriod / plan.Rate);
        _periodTicks = Math.Max(1, (long)(period.TotalSeconds * time.TimestampFrequency));
        _maxPeriodsPerRefill = (plan.Burst + tokensPerPeriod - 1) / tokensPerPeriod;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = plan.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = 0,
        });
        _lastRefill = time.GetTimestamp();
    }

    public UsagePlan Plan { get; }

    public bool TryAcquire()
    {
        Refill();
        using var lease = _bucket.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            var last = Volatile.Read(ref _lastRefill);
            var periods = (now - last) / _periodTicks;
            if (periods <= 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _lastRefill, last + (periods * _periodTicks), last) == last)
            {
                for (var i = 0L; i < Math.Min(periods, _maxPeriodsPerRefill); i++)
                {
                    _bucket.TryReplenish();
                }

                return;
            }
        }
    }

    public void Dispose() => _bucket.Dispose();
}
