namespace FbaMesh.SpApiEmulator;

/// <summary>
/// One operation's token bucket, refilled continuously at the plan's rate up to its burst, measured on
/// the emulator's <see cref="TimeProvider"/>. Not System.Threading.RateLimiting's TokenBucketRateLimiter:
/// that one refills from Stopwatch even with AutoReplenishment off, so a fake clock could never drive it,
/// and quota tests would have to sleep. The critical section is a few arithmetic operations.
/// </summary>
internal sealed class OperationQuota
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;

    public OperationQuota(UsagePlan plan, TimeProvider time)
    {
        plan.Validate();
        Plan = plan;
        _time = time;
        _tokens = plan.Burst;
        _lastRefill = time.GetTimestamp();
    }

    public UsagePlan Plan { get; }

    public bool TryAcquire()
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (now > _lastRefill)
            {
                var elapsedSeconds = (now - _lastRefill) / (double)_time.TimestampFrequency;
                _tokens = Math.Min(Plan.Burst, _tokens + (elapsedSeconds * Plan.Rate));
                _lastRefill = now;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
