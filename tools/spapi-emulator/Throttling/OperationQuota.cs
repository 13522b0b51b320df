namespace FbaMesh.SpApiEmulator;

/// <summary>
/// One operation's token bucket, refilled continuously at the plan's rate up to its burst, measured on
/// the emulator's <see cref="TimeProvider"/>. Not System.Threading.RateLimiting's TokenBucketRateLimiter:
/// that one refills from Stopwatch even with AutoReplenishment off, so a fake clock could never drive it,
/// and quota tests would have to sleep. The critical section is a few arithmetic operations.
/// </summary>
internal sealed class OperationQuota
{
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private double tokens;
    private long lastRefill;

    public OperationQuota(UsagePlan plan, TimeProvider time)
    {
        plan.Validate();
        Plan = plan;
        this.time = time;
        tokens = plan.Burst;
        lastRefill = time.GetTimestamp();
    }

    public UsagePlan Plan { get; }

    public bool TryAcquire()
    {
        var now = this.time.GetTimestamp();
        lock (gate)
        {
            if (now > lastRefill)
            {
                var elapsedSeconds = (now - lastRefill) / (double)this.time.TimestampFrequency;
                tokens = Math.Min(Plan.Burst, tokens + (elapsedSeconds * Plan.Rate));
                lastRefill = now;
            }

            if (tokens < 1)
            {
                return false;
            }

            tokens -= 1;
            return true;
        }
    }
}
