using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>What the emulator saw, counted without locks: the bench reads it after pushing thousands of creates.</summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, OperationCounters> _operations = new(StringComparer.Ordinal);
    private long _creates;
    private long _duplicatesRefused;
    private long _schemaViolations;
    private long _throttled;
    private long _forbidden;

    /// <summary>Fulfillment orders created (after-commit faults included: the order exists).</summary>
    public long Creates => Interlocked.Read(ref _creates);

    public long DuplicatesRefused => Interlocked.Read(ref _duplicatesRefused);

    /// <summary>Requests refused with 400 InvalidInput because they broke the model or its prose rules.</summary>
    public long SchemaViolations => Interlocked.Read(ref _schemaViolations);

    /// <summary>429 answers, from the usage plan or an injected storm.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>403 answers: missing, unknown or expired token, or the missing-role switch.</summary>
    public long Forbidden => Interlocked.Read(ref _forbidden);

    public OperationCounters For(string operation) => _operations.GetOrAdd(operation, _ => new OperationCounters());

    internal void Created() => Interlocked.Increment(ref _creates);

    internal void DuplicateRefused() => Interlocked.Increment(ref _duplicatesRefused);

    internal void SchemaViolation(string operation)
    {
        Interlocked.Increment(ref _schemaViolations);
        For(operation).SchemaViolation();
    }

    internal void TimedOut(string operation) => For(operation).TimedOut();

    internal void Answered(string operation, int status)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            Interlocked.Increment(ref _throttled);
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            Interlocked.Increment(ref _forbidden);
        }

        For(operation).Count(status);
    }

    internal void Reset()
    {
        _operations.Clear();
        Interlocked.Exchange(ref _creates, 0);
        Interlocked.Exchange(ref _duplicatesRefused, 0);
        Interlocked.Exchange(ref _schemaViolations, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _forbidden, 0);
    }

    public EmulatorStatsSnapshot Snapshot() => new(
        Creates, DuplicatesRefused, SchemaViolations, Throttled, Forbidden,
        _operations.ToDictionary(o => o.Key, o => o.Value.Snapshot(), StringComparer.Ordinal));
}

public sealed record EmulatorStatsSnapshot(
    long Creates, long DuplicatesRefused, long SchemaViolations, long Throttled, long Forbidden,
    IReadOnlyDictionary<string, OperationStatsSnapshot> ByOperation);
