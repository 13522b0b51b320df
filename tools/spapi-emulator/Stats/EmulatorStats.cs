using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>What the emulator saw, counted without locks: the bench reads it after pushing thousands of creates.</summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, OperationCounters> operations = new(StringComparer.Ordinal);
    private long creates;
    private long duplicatesRefused;
    private long schemaViolations;
    private long throttled;
    private long forbidden;

    /// <summary>Fulfillment orders created (after-commit faults included: the order exists).</summary>
    public long Creates => Interlocked.Read(ref this.creates);

    public long DuplicatesRefused => Interlocked.Read(ref duplicatesRefused);

    /// <summary>Requests refused with 400 InvalidInput because they broke the model or its prose rules.</summary>
    public long SchemaViolations => Interlocked.Read(ref schemaViolations);

    /// <summary>429 answers, from the usage plan or an injected storm.</summary>
    public long Throttled => Interlocked.Read(ref throttled);

    /// <summary>403 answers: missing, unknown or expired token, or the missing-role switch.</summary>
    public long Forbidden => Interlocked.Read(ref forbidden);

    public OperationCounters For(string operation) => operations.GetOrAdd(operation, _ => new OperationCounters());

    internal void Created() => Interlocked.Increment(ref this.creates);

    internal void DuplicateRefused() => Interlocked.Increment(ref duplicatesRefused);

    internal void SchemaViolation(string operation)
    {
        Interlocked.Increment(ref schemaViolations);
        For(operation).SchemaViolation();
    }

    internal void TimedOut(string operation) => For(operation).TimedOut();

    internal void Answered(string operation, int status)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            Interlocked.Increment(ref throttled);
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            Interlocked.Increment(ref forbidden);
        }

        For(operation).Count(status);
    }

    internal void Reset()
    {
        operations.Clear();
        Interlocked.Exchange(ref this.creates, 0);
        Interlocked.Exchange(ref duplicatesRefused, 0);
        Interlocked.Exchange(ref schemaViolations, 0);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref forbidden, 0);
    }

    public EmulatorStatsSnapshot Snapshot() => new(
        Creates, DuplicatesRefused, SchemaViolations, Throttled, Forbidden,
        operations.ToDictionary(o => o.Key, o => o.Value.Snapshot(), StringComparer.Ordinal));
}

public sealed record EmulatorStatsSnapshot(
    long Creates, long DuplicatesRefused, long SchemaViolations, long Throttled, long Forbidden,
    IReadOnlyDictionary<string, OperationStatsSnapshot> ByOperation);
