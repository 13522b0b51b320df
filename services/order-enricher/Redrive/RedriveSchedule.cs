using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>
/// When a Waiting order is tried again: exponential backoff (FirstDelay, doubled per attempt, capped at
/// MaxDelay) with "equal jitter" (half the delay fixed, half random), so orders parked together by one
/// outage do not all come back in the same second; never later than the horizon, after which it fails.
/// </summary>
internal sealed class RedriveSchedule(IOptions<RedriveOptions> options)
{
    /// <summary>A number in [0, 1]; tests pin it.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    public TimeSpan Horizon => options.Value.Horizon;

    /// <summary>True when an order waiting since <paramref name="waitingSince"/> may not wait any longer.</summary>
    public bool IsPastHorizon(DateTimeOffset waitingSince, DateTimeOffset now) => now - waitingSince >= options.Value.Horizon;

    /// <param name="attempts">Deliveries so far (1 after the first failure).</param>
    public DateTimeOffset NextAttempt(int attempts, DateTimeOffset waitingSince, DateTimeOffset now)
    {
        var o = options.Value;
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var full = TimeSpan.FromTicks((long)Math.Min(o.MaxDelay.Ticks, o.FirstDelay.Ticks * Math.Pow(2, doublings)));
        var delay = full / 2 + full / 2 * Math.Clamp(Jitter(), 0, 1);
        var next = now + delay;
        var last = waitingSince + o.Horizon;
        return next < last ? next : last;
    }
}
