namespace FbaMesh.Bench.Common;

/// <summary>What the wait for a quiet machine before a measured burst found; IdleShare is null where it cannot be read.</summary>
public sealed record QuietWait(double WaitedSeconds, double? IdleShare, bool Settled);

/// <summary>
/// Waits, before a measured burst, until the machine was mostly idle over one window, so the figure is the
/// mesh's and not what ran just before it (measured: `dotnet run`'s own process compiles the build's hot code
/// for ≈ 3 s of CPU in the 10 s after it starts the bench, while the mesh starts and the burst goes out).
/// Bounded: past the bound the burst goes anyway, and the report says the machine had not settled.
/// </summary>
public static class QuietMachine
{
    public static async Task<QuietWait> WaitAsync(
        double idleAtLeast, TimeSpan window, TimeSpan bound, TimeProvider time, Func<CpuTimes?> read, CancellationToken cancellationToken)
    {
        if (read() is not { } previous)
        {
            return new QuietWait(0, null, Settled: false);
        }

        // The wait is counted in whole windows looked at, not read off the clock: the figure is what was
        // measured, and a test's clock may jump ahead of the loop.
        for (var windows = 1; ; windows++)
        {
            await Task.Delay(window, time, cancellationToken);
            var waited = window * windows;
            if (read() is not { } now)
            {
                return new QuietWait(Math.Round(waited.TotalSeconds, 2), null, Settled: false);
            }

            var share = now.IdleShareSince(previous);
            previous = now;
            if (share >= idleAtLeast || waited >= bound)
            {
                return new QuietWait(Math.Round(waited.TotalSeconds, 2), Math.Round(share, 3), share >= idleAtLeast);
            }
        }
    }
}
