namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// When a stored order starts answering API reads. The real Order API does not serve an order the
/// instant it is created, so a reader that gives up on the first miss loses orders; this makes the
/// emulator behave the same way. Both conditions must hold.
/// </summary>
/// <param name="ReadableAfterReads">API reads that answer "not found" before the order is served.</param>
/// <param name="ReadableAfter">Time after storing before the order is served.</param>
public sealed record OrderReadability(int ReadableAfterReads, TimeSpan ReadableAfter)
{
    public static OrderReadability Immediately { get; } = new(0, TimeSpan.Zero);
}
