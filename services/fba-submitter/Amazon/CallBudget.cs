namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// The time one gRPC call may spend at Amazon (SpApi:CallDeadline, or the caller's own deadline when
/// sooner): pacing waits, attempts, backoff and confirmation all come out of it.
/// </summary>
internal sealed class CallBudget : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    public CallBudget(TimeSpan length, TimeProvider time, CancellationToken callerGone = default)
    {
        _time = time;
        Ends = time.GetUtcNow() + length;
        _deadline = new CancellationTokenSource(length, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token, callerGone);
    }

    public DateTimeOffset Ends { get; }

    /// <summary>Cancelled when the deadline passes or the caller goes away.</summary>
    public CancellationToken Token => _linked.Token;

    public bool Expired => _deadline.IsCancellationRequested || _time.GetUtcNow() >= Ends;

    public TimeSpan Remaining => Ends - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Waits before a retry when the wait still leaves room for the retry; false when it does not.</summary>
    public async Task<bool> WaitAsync(TimeSpan delay)
    {
        if (delay >= Remaining)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, _time, Token);
            return true;
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }
}
