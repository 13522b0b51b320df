namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>
/// A handler body that holds each delivery until <c>batch</c> deliveries have arrived (arrivals 1..b wait
/// for b, b+1..2b for 2b, …) and records the most deliveries in flight at once. Under a concurrency limit
/// of b the batches fill one after another; with less concurrency they never fill (the test times out).
/// </summary>
internal sealed class ConcurrencyProbe(int batch)
{
    private int arrived;
    private int inFlight;
    private int most;

    public int MostInFlight => Volatile.Read(ref most);

    public int Finished { get; private set; }

    public async Task HoldAsync(CancellationToken ct)
    {
        var now = Interlocked.Increment(ref inFlight);
        InterlockedMax(now);
        var mine = Interlocked.Increment(ref arrived);
        var target = ((mine - 1) / batch + 1) * batch;
        try
        {
            while (Volatile.Read(ref arrived) < target)
            {
                await Task.Delay(5, ct);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            lock (this)
            {
                Finished++;
            }
        }
    }

    private void InterlockedMax(int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, value, seen) != seen)
        {
        }
    }
}
