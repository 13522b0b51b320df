namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>Exponential backoff with jitter: retries of many callers spread out instead of arriving together.</summary>
internal static class Backoff
{
    /// <summary>Between half and all of min(max, initial · 2^attempt); attempt counts from 0.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, Random random)
    {
        var ceiling = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}
