using System.Globalization;
using System.Threading.RateLimiting;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// A token bucket just below one operation's usage plan, so steady load waits here instead of meeting
/// 429 at Amazon. Allowances keep it below Amazon's own bucket: it refills at (1 - margin) of the rate,
/// and it holds less than the burst by one refill (its refill timer's phase is arbitrary while Amazon's
/// bucket fills continuously) plus what the rate brings in the jitter allowance (requests leased in
/// order may reach Amazon bunched or reordered when threads are scheduled late). When
/// x-amzn-RateLimit-Limit reports a lower rate, the bucket slows down in place, holding no more tokens
/// than it had, and callers already queued keep their places.
/// The refill timer comes from the <see cref="TimeProvider"/>, so a fake clock drives the bucket:
/// System.Threading.RateLimiting's bucket refills from Stopwatch, which no test clock can move.
/// </summary>
internal sealed class OperationPacer : IDisposable
{
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> queue = new();
    private readonly ITimer refill;
    private readonly double margin;
    private readonly TimeSpan jitterAllowance;
    private (int Limit, int PerRefill) shape;
    private double tokens;
    private bool disposed;

    public OperationPacer(
        string operation, double rate, int burst, double margin = Configuration.SpApiOptions.DefaultPacingMargin,
        TimeSpan? jitterAllowance = null, TimeProvider? time = null)
    {
        Operation = operation;
        Burst = burst;
        Rate = rate;
        this.margin = margin;
        this.jitterAllowance = jitterAllowance ?? TimeSpan.FromMilliseconds(100);
        var (shape, period) = Shape(rate);
        this.shape = shape;
        this.tokens = shape.Limit;
        this.refill = (time ?? TimeProvider.System).CreateTimer(_ => Refill(), null, period, period);
    }

    public string Operation { get; }

    public int Burst { get; }

    public double Rate { get; private set; }

    public double Margin => this.margin;

    public TimeSpan JitterAllowance => this.jitterAllowance;

    /// <summary>The usage plan shared by every replica, when there is one: it then grants the permits.</summary>
    public SharedPacing.SharedPlanLimiter? Shared { get; private set; }

    /// <summary>Hands the permits to the plan every replica shares; this process's bucket no longer grants any.</summary>
    public void ShareThrough(SharedPacing.SharedPlanLimiter shared) => Shared = shared;

    public long AvailableTokens
    {
        get
        {
            lock (gate)
            {
                return (long)Math.Floor(this.tokens);
            }
        }
    }

    /// <summary>Callers waiting for a permit, oldest first.</summary>
    public int Queued
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (Shared is { } shared)
        {
            return AcquireSharedAsync(shared, cancellationToken);
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (queue.Count == 0 && this.tokens >= 1)
            {
                // A permit at hand is granted even to a caller whose token is cancelled, as the platform's
                // limiters do: the caller's own deadline then decides what the attempt is.
                this.tokens -= 1;
                return ValueTask.FromResult<RateLimitLease>(Granted.Lease);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new Waiter();
            var node = queue.AddLast(waiter);
            waiter.Cancellation = cancellationToken.Register(() => Cancel(node, cancellationToken));
            return new ValueTask<RateLimitLease>(waiter.Task);
        }
    }

    /// <summary>Applies x-amzn-RateLimit-Limit; only ever slows down (a higher figure may be a burst artefact).</summary>
    public bool Observe(string? rateLimitHeader)
    {
        if (!double.TryParse(rateLimitHeader, NumberStyles.Float, CultureInfo.InvariantCulture, out var said) ||
            !(said > 0) || double.IsInfinity(said))
        {
            return false;
        }

        Shared?.Observe(said);
        lock (gate)
        {
            if (said >= Rate * 0.999 || disposed)
            {
                return false;
            }

            var (shape, period) = Shape(said);
            this.shape = shape;
            this.tokens = Math.Min(shape.Limit, Math.Floor(this.tokens));
            Rate = said;
            this.refill.Change(period, period);
            return true;
        }
    }

    public void Dispose()
    {
        Waiter[] abandoned;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            abandoned = [.. queue];
            queue.Clear();
        }

        this.refill.Dispose();
        Shared?.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Cancellation.Dispose();
            waiter.TrySetException(new ObjectDisposedException(nameof(OperationPacer)));
        }
    }

    private static async ValueTask<RateLimitLease> AcquireSharedAsync(SharedPacing.SharedPlanLimiter shared, CancellationToken cancellationToken)
    {
        await shared.AcquireAsync(cancellationToken);
        return Granted.Lease;
    }

    private ((int Limit, int PerRefill) Shape, TimeSpan Period) Shape(double rate)
    {
        // Whole tokens per refill; fast plans get several tokens per refill so the timer stays coarse
        // (at least 50 ms) while the average rate stays exact.
        var paced = rate * (1 - this.margin);
        var tokens = Math.Max(1, (int)Math.Ceiling(paced * 0.05));
        var period = TimeSpan.FromSeconds(tokens / paced);
        var reserve = tokens + (int)Math.Ceiling(paced * this.jitterAllowance.TotalSeconds);
        return ((Math.Max(1, Burst - reserve), tokens), period);
    }

    private void Refill()
    {
        var granted = new List<Waiter>();
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            this.tokens = Math.Min(this.shape.Limit, this.tokens + this.shape.PerRefill);
            while (queue.First is { } next && this.tokens >= 1)
            {
                this.tokens -= 1;
                queue.RemoveFirst();
                granted.Add(next.Value);
            }
        }

        foreach (var waiter in granted)
        {
            waiter.Cancellation.Dispose();
            waiter.TrySetResult(Granted.Lease);
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken token)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return;
            }

            queue.Remove(node);
        }

        node.Value.TrySetCanceled(token);
    }

    private sealed class Waiter() : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CancellationTokenRegistration Cancellation { get; set; }
    }

    /// <summary>A permit is spent when granted; there is nothing to give back.</summary>
    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
