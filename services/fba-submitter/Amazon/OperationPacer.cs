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
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly ITimer _refill;
    private readonly double _margin;
    private readonly TimeSpan _jitterAllowance;
    private (int Limit, int PerRefill) _shape;
    private double _tokens;
    private bool _disposed;

    public OperationPacer(
        string operation, double rate, int burst, double margin = Configuration.SpApiOptions.DefaultPacingMargin,
        TimeSpan? jitterAllowance = null, TimeProvider? time = null)
    {
        Operation = operation;
        Burst = burst;
        Rate = rate;
        _margin = margin;
        _jitterAllowance = jitterAllowance ?? TimeSpan.FromMilliseconds(100);
        var (shape, period) = Shape(rate);
        _shape = shape;
        _tokens = shape.Limit;
        _refill = (time ?? TimeProvider.System).CreateTimer(_ => Refill(), null, period, period);
    }

    public string Operation { get; }

    public int Burst { get; }

    public double Rate { get; private set; }

    public long AvailableTokens
    {
        get
        {
            lock (_gate)
            {
                return (long)Math.Floor(_tokens);
            }
        }
    }

    /// <summary>Callers waiting for a permit, oldest first.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count == 0 && _tokens >= 1)
            {
                // A permit at hand is granted even to a caller whose token is cancelled, as the platform's
                // limiters do: the caller's own deadline then decides what the attempt is.
                _tokens -= 1;
                return ValueTask.FromResult<RateLimitLease>(Granted.Lease);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new Waiter();
            var node = _queue.AddLast(waiter);
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

        lock (_gate)
        {
            if (said >= Rate * 0.999 || _disposed)
            {
                return false;
            }

            var (shape, period) = Shape(said);
            _shape = shape;
            _tokens = Math.Min(shape.Limit, Math.Floor(_tokens));
            Rate = said;
            _refill.Change(period, period);
            return true;
        }
    }

    public void Dispose()
    {
        Waiter[] abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _queue];
            _queue.Clear();
        }

        _refill.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Cancellation.Dispose();
            waiter.TrySetException(new ObjectDisposedException(nameof(OperationPacer)));
        }
    }

    private ((int Limit, int PerRefill) Shape, TimeSpan Period) Shape(double rate)
    {
        // Whole tokens per refill; fast plans get several tokens per refill so the timer stays coarse
        // (at least 50 ms) while the average rate stays exact.
        var paced = rate * (1 - _margin);
        var tokens = Math.Max(1, (int)Math.Ceiling(paced * 0.05));
        var period = TimeSpan.FromSeconds(tokens / paced);
        var reserve = tokens + (int)Math.Ceiling(paced * _jitterAllowance.TotalSeconds);
        return ((Math.Max(1, Burst - reserve), tokens), period);
    }

    private void Refill()
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _tokens = Math.Min(_shape.Limit, _tokens + _shape.PerRefill);
            while (_queue.First is { } next && _tokens >= 1)
            {
                _tokens -= 1;
                _queue.RemoveFirst();
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
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }

            _queue.Remove(node);
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
