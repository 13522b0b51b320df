namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// One operation's usage plan shared by every submitter replica: a permit exists only once a conditional
/// write of the plan's record (<see cref="PlanRecord"/>) booked it, so N replicas together stay within
/// one plan. Within a replica, callers take turns at the store (one booking in flight per operation)
/// and a booking covers every caller waiting, up to a quarter second of the rate.
/// <para>
/// Fail slow, never fast: on an ETag conflict the booking is read and tried again; when the store is
/// slow or down, callers wait (retrying with backoff) until their own deadline; no permit is ever
/// granted without a booking, so an outage can stall submits but never exceed the plan. A permit that
/// could not be used on time (a slow write, a late thread) is dropped, not used late.
/// </para>
/// </summary>
internal sealed partial class SharedPlanLimiter : IDisposable
{
    private readonly IPlanStore store;
    private readonly TimeProvider time;
    private readonly SharedPacingOptions options;
    private readonly ILogger logger;
    private readonly double configuredRate;
    private readonly int burst;
    private readonly double margin;
    private readonly TimeSpan jitterAllowance;
    private readonly TimeSpan lateness;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Queue<DateTimeOffset> booked = new();
    private readonly Lock observedGate = new();
    private double observedRate = double.PositiveInfinity;
    private int unserved;
    private int storeFailures;
    private WriteTimeEstimate writeTime;

    public SharedPlanLimiter(
        string operation, double rate, int burst, double margin, TimeSpan jitterAllowance,
        IPlanStore store, SharedPacingOptions options, TimeProvider time, ILogger logger)
    {
        (this.store, this.options, this.time, this.logger) = (store, options, time, logger);
        (configuredRate, this.burst, this.margin, this.jitterAllowance) = (rate, burst, margin, jitterAllowance);
        // Half the jitter allowance for a permit to leave after its time; the other half covers the trip to Amazon.
        lateness = jitterAllowance / 2;
        Operation = operation;
        Key = KeyFor(options.SellerId, operation);
        Shape = PlanShape.For(rate, burst, margin, jitterAllowance);
    }

    public string Operation { get; }

    /// <summary>The record's key in the state store: one per seller and operation.</summary>
    public string Key { get; }

    /// <summary>The plan as last booked (its rate drops when any replica saw a lower x-amzn-RateLimit-Limit).</summary>
    public PlanShape Shape { get; private set; }

    public static string KeyFor(string sellerId, string operation) => $"spapi-plan-{sellerId}-{operation}";

    /// <summary>
    /// Waits for a permit booked in the shared plan and answers when it was granted; only the caller's
    /// cancellation ends the wait early.
    /// </summary>
    public async ValueTask<DateTimeOffset> AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref unserved);
        var served = false;
        try
        {
            while (true)
            {
                var (at, isPermit) = await NextStepAsync(() => served = true, cancellationToken);
                var wait = at - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                var now = time.GetUtcNow();
                if (isPermit && now - at <= lateness)
                {
                    return now;
                }

                if (isPermit)
                {
                    // Used late, the permit could meet Amazon bunched with later ones: drop it, book another.
                    LogLatePermit(Operation, (now - at).TotalMilliseconds);
                    Interlocked.Increment(ref unserved);
                    served = false;
                }
            }
        }
        finally
        {
            if (!served)
            {
                Interlocked.Decrement(ref unserved);
            }
        }
    }

    /// <summary>Records a rate Amazon reported; a lower one is written with the next booking and slows every replica.</summary>
    public void Observe(double rate)
    {
        if (!(rate > 0) || rate >= configuredRate * 0.999)
        {
            return;
        }

        lock (observedGate)
        {
            observedRate = Math.Min(observedRate, rate);
        }
    }

    /// <summary>
    /// Readies the booking's path before any caller needs it (a replica's first booking otherwise pays for
    /// its first store round trips): reads the record and writes it back as read, conditional on its
    /// ETag like a booking, so no permit is booked or given up. A plan nobody has used yet is written
    /// full, which is what a missing record means. False when another replica wrote first (nothing to do).
    /// Done twice: the first round trip's time is mostly the path's first use, the second is what a
    /// booking's write takes, and the first bookings start from it (<see cref="WriteTimeEstimate"/>).
    /// </summary>
    public async Task<bool> WarmAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            var saved = await WriteBackAsync(cancellationToken);
            // Timed whether it lands or not: a refused write takes the store as long as one that lands.
            var start = time.GetUtcNow();
            await WriteBackAsync(cancellationToken);
            writeTime.Add(time.GetUtcNow() - start);
            return saved;
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    private async Task<bool> WriteBackAsync(CancellationToken cancellationToken)
    {
        var read = await store.GetAsync(Key, cancellationToken);
        var (_, record) = Merge(read.Record, time.GetUtcNow());
        var saved = await store.TrySaveAsync(Key, record, read.ETag, cancellationToken);
        if (saved)
        {
            Written(record);
        }

        return saved;
    }

    private async Task<(DateTimeOffset At, bool IsPermit)> NextStepAsync(Action served, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            while (booked.TryDequeue(out var at))
            {
                if (now - at <= lateness)
                {
                    Taken(served);
                    return (at, true);
                }

                LogLatePermit(Operation, (now - at).TotalMilliseconds);
            }

            var step = await BookAsync(cancellationToken);
            if (step.IsPermit)
            {
                Taken(served);
            }

            return step;
        }
        finally
        {
            turn.Release();
        }
    }

    private void Taken(Action served)
    {
        Interlocked.Decrement(ref unserved);
        served();
    }

    private async Task<(DateTimeOffset At, bool IsPermit)> BookAsync(CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            VersionedPlan read;
            try
            {
                read = await store.GetAsync(Key, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return StoreFailed(ex);
            }

            var now = time.GetUtcNow();
            var (rate, record) = Merge(read.Record, now);
            var shape = PlanShape.For(rate, burst, margin, jitterAllowance);
            Shape = shape;
            // No record yet: a plan nobody has used is full, as Amazon's bucket is.
            var nextFree = read.Record?.NextFree ?? now;
            var first = shape.FirstFree(now, nextFree);
            if (first - now > options.BookAhead)
            {
                // Booking that far ahead would spend the plan on callers that may give up first: come back later.
                return (first - options.BookAhead, false);
            }

            var reachable = 1 + (int)Math.Floor((options.BookAhead - (first - now)) / shape.Interval);
            var count = Math.Clamp(Volatile.Read(ref unserved), 1, Math.Min(shape.MaxBatch, Math.Max(1, reachable)));
            // Permits start no sooner than the write is expected back, so a slow store delays them
            // instead of handing back permits already too late to use. Waiting costs no permit: a plan
            // that is busy books later than this anyway, and an idle one loses only the wait.
            var lead = writeTime.Expected < options.BookAhead / 2 ? writeTime.Expected : options.BookAhead / 2;
            var (permits, newNextFree) = shape.Book(now + lead, nextFree, count);
            bool saved;
            try
            {
                saved = await store.TrySaveAsync(Key, record with { NextFree = newNextFree }, read.ETag, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return StoreFailed(ex);
            }

            var took = time.GetUtcNow() - now;
            writeTime.Add(took);
            storeFailures = 0;
            LogBooked(Operation, saved, count, conflicts, took.TotalMilliseconds, (permits[0] - now).TotalMilliseconds);
            if (saved)
            {
                Written(record);
                foreach (var permit in permits.Skip(1))
                {
                    booked.Enqueue(permit);
                }

                return (permits[0], true);
            }

            // Another replica booked first: read its booking and book after it.
            if (conflicts >= 3)
            {
                var pause = TimeSpan.FromTicks((long)(shape.Interval.Ticks * Random.Shared.NextDouble()));
                return (time.GetUtcNow() + pause, false);
            }
        }
    }

    /// <summary>The rate to pace at and the record to write: the lowest fresh rate any replica saw, this one's included.</summary>
    private (double Rate, PlanRecord Record) Merge(PlanRecord? stored, DateTimeOffset now)
    {
        double pending;
        lock (observedGate)
        {
            pending = observedRate;
        }

        var fresh = stored is { ObservedRate: { } seen, ObservedAt: { } at } && now - at < options.ObservedRateLifetime ? seen : double.PositiveInfinity;
        var record = stored ?? new PlanRecord(now);
        if (pending < double.PositiveInfinity)
        {
            // Seen again here: it holds for the lifetime from now.
            record = record with { ObservedRate = Math.Min(pending, fresh), ObservedAt = now };
        }
        else if (double.IsPositiveInfinity(fresh))
        {
            record = record with { ObservedRate = null, ObservedAt = null };
        }

        return (Math.Min(configuredRate, Math.Min(pending, fresh)), record);
    }

    private void Written(PlanRecord record)
    {
        if (record.ObservedRate is not { } written)
        {
            return;
        }

        lock (observedGate)
        {
            if (observedRate >= written)
            {
                observedRate = double.PositiveInfinity;
            }
        }
    }

    private (DateTimeOffset At, bool IsPermit) StoreFailed(Exception ex)
    {
        var failures = ++storeFailures;
        var backoff = options.StoreRetry * Math.Pow(2, Math.Min(failures - 1, 16));
        var delay = backoff < options.MaxStoreRetry ? backoff : options.MaxStoreRetry;
        // Exception type only: the store's own words may carry connection details.
        LogStoreFailed(Operation, Key, ex.GetType().Name, failures, delay.TotalMilliseconds);
        return (time.GetUtcNow() + delay * (0.5 + (Random.Shared.NextDouble() / 2)), false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared usage plan of {Operation} ({Key}) could not be read or written ({Error}, {Failures} in a row); waiting {DelayMs} ms, no permit without it")]
    private partial void LogStoreFailed(string operation, string key, string error, int failures, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A permit of {Operation} came {LateMs} ms late and was dropped, not used")]
    private partial void LogLatePermit(string operation, double lateMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Booking of {Count} permits of {Operation}: written {Saved} after {Conflicts} conflicts, the write took {TookMs} ms, the first permit {FirstInMs} ms after it started")]
    private partial void LogBooked(string operation, bool saved, int count, int conflicts, double tookMs, double firstInMs);
}
