using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.Testing;

/// <summary>
/// A fake clock that counts the timers made on it. A test that moves the clock while the code under test
/// is about to wait on it first waits for that wait's timer to exist; moved earlier, the wait would
/// start from the later time and the test would measure the wrong delay.
/// </summary>
public sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int timers;

    public int Timers => Volatile.Read(ref this.timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref this.timers);
        return timer;
    }
}
