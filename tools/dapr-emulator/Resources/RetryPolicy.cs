namespace FbaMesh.DaprEmulator.Resources;

/// <summary>
/// A Dapr resiliency retry policy: constant (duration) or exponential (initialInterval, multiplier 1.5,
/// maxInterval, randomization 0.5), with maxRetries where -1 means "until it succeeds".
/// </summary>
internal sealed record RetryPolicy(string Name, bool Exponential, TimeSpan Duration, TimeSpan InitialInterval, TimeSpan MaxInterval, int MaxRetries)
{
    private const double Multiplier = 1.5;
    private const double RandomizationFactor = 0.5;

    /// <summary>Used when no resiliency policy targets a pub/sub component's inbound direction.</summary>
    public static RetryPolicy DefaultInbound { get; } = new("default-inbound", false, TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, 10);

    /// <summary>True while a redelivery is still allowed after <paramref name="retriesSoFar"/> retries.</summary>
    public bool AllowsRetry(int retriesSoFar) => MaxRetries < 0 || retriesSoFar < MaxRetries;

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first retry).</summary>
    public TimeSpan Delay(int retry)
    {
        if (!Exponential)
        {
            return Duration;
        }

        var interval = Math.Min(InitialInterval.TotalMilliseconds * Math.Pow(Multiplier, retry), MaxInterval.TotalMilliseconds);
        var jitter = (Random.Shared.NextDouble() * 2 - 1) * RandomizationFactor * interval;
        return TimeSpan.FromMilliseconds(Math.Max(0, interval + jitter));
    }
}
