using System.Globalization;
using System.Threading.RateLimiting;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// A token bucket just below one operation's usage plan, so steady load waits here instead of meeting
/// 429 at Amazon. Allowances keep it below Amazon's own bucket: it refills at (1 - margin) of the rate,
/// and it holds less than the burst by one refill (its refill timer's phase is arbitrary while Amazon's
/// bucket fills continuously) plus what the rate brings in the jitter allowance (requests leased in
/// order may reach Amazon bunched or reordered when threads are scheduled late). When
/// x-amzn-RateLimit-Limit reports a lower rate, the bucket is replaced atomically by a slower one
/// holding no more tokens than the old one had.
/// </summary>
internal sealed class OperationPacer : IDisposable
{
    private readonly Lock _replacing = new();
    private TokenBucketRateLimiter _limiter;

    private readonly double _margin;
    private readonly TimeSpan _jitterAllowance;

    public OperationPacer(string operation, double rate, int burst, double margin = Configuration.SpApiOptions.DefaultPacingMargin, TimeSpan? jitterAllowance = null)
    {
        Operation = operation;
        Burst = burst;
        Rate = rate;
        _margin = margin;
        _jitterAllowance = jitterAllowance ?? TimeSpan.FromMilliseconds(100);
        _limiter = Create(rate, startWith: int.MaxValue);
    }

    public string Operation { get; }

    public int Burst { get; }

    public double Rate { get; private set; }

    public long AvailableTokens => Volatile.Read(ref _limiter).GetStatistics()?.CurrentAvailablePermits ?? 0;

    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var limiter = Volatile.Read(ref _limiter);
            try
            {
                var lease = await limiter.AcquireAsync(1, cancellationToken);
                if (lease.IsAcquired)
                {
                    return lease;
                }

                lease.Dispose();
            }
            catch (ObjectDisposedException)
            {
                // The bucket was replaced while this call queued in it: queue in the new one.
            }

            if (ReferenceEquals(limiter, Volatile.Read(ref _limiter)))
            {
                throw new InvalidOperationException($"The {Operation} pacer refused a permit although its queue is unbounded.");
            }
        }
    }

    /// <summary>Applies x-amzn-RateLimit-Limit; only ever slows down (a higher figure may be a burst artefact).</summary>
    public bool Observe(string? rateLimitHeader)
    {
        if (!double.TryParse(rateLimitHeader, NumberStyles.Float, CultureInfo.InvariantCulture, out var said) ||
            !(said > 0) || double.IsInfinity(said))
        {
            return false;
        }

        lock (_replacing)
        {
            if (said >= Rate * 0.999)
            {
                return false;
            }

            var old = _limiter;
            var left = (int)Math.Min(Burst, old.GetStatistics()?.CurrentAvailablePermits ?? 0);
            Volatile.Write(ref _limiter, Create(said, startWith: left));
            Rate = said;
            old.Dispose();
            return true;
        }
    }

    public void Dispose() => Volatile.Read(ref _limiter).Dispose();

    private TokenBucketRateLimiter Create(double rate, int startWith)
    {
        // The platform bucket adds whole tokens per period; fast plans get several tokens per period
        // so the timer stays coarse (at least 50 ms) while the average rate stays exact.
        var paced = rate * (1 - _margin);
        var tokens = Math.Max(1, (int)Math.Ceiling(paced * 0.05));
        var period = TimeSpan.FromSeconds(tokens / paced);
        var reserve = tokens + (int)Math.Ceiling(paced * _jitterAllowance.TotalSeconds);
        var limit = Math.Max(1, Burst - reserve);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        for (var drained = limit; drained > startWith; drained--)
        {
            using var lease = limiter.AttemptAcquire(1);
        }

        return limiter;
    }
}
