namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// The time one gRPC call may spend at Amazon (SpApi:CallDeadline, or the caller's own deadline when
/// sooner): pacing waits, attempts, backoff and confirmation all come out of it.
/// </summary>
internal sealed class CallBudget : IDisposable
{
    private readonly TimeProvider time;
    private readonly CancellationTokenSource deadline;
    private readonly CancellationTokenSource linked;

    public CallBudget(TimeSpan length, TimeProvider time, CancellationToken callerGone = default)
    {
        this.time = time;
        Ends = time.GetUtcNow() + length;
        this.deadline = new CancellationTokenSource(length, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(this.deadline.Token, callerGone);
    }

    public DateTimeOffset Ends { get; }

    /// <summary>Cancelled when the deadline passes or the caller goes away.</summary>
    public CancellationToken Token => linked.Token;

    public bool Expired => this.deadline.IsCancellationRequested || this.time.GetUtcNow() >= Ends;

    public TimeSpan Remaining => Ends - this.time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Waits before a retry when the wait still leaves room for the retry; false when it does not.</summary>
    public async Task<bool> WaitAsync(TimeSpan delay)
    {
        if (delay >= Remaining)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, this.time, Token);
            return true;
        }
        catch (OperationCanceledException) when (this.deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        linked.Dispose();
        this.deadline.Dispose();
    }
}
