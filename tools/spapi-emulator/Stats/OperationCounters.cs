namespace FbaMesh.SpApiEmulator;

/// <summary>Answers of one operation by kind; "timeouts" are requests held and dropped by an injected fault.</summary>
public sealed class OperationCounters
{
    private long requests;
    private long ok;
    private long badRequest;
    private long forbidden;
    private long notFound;
    private long throttled;
    private long serverErrors;
    private long timeouts;
    private long schemaViolations;

    public long Requests => Interlocked.Read(ref this.requests);

    internal void Count(int status)
    {
        Interlocked.Increment(ref this.requests);
        switch (status)
        {
            case >= 200 and < 300:
                Interlocked.Increment(ref ok);
                break;
            case 400:
                Interlocked.Increment(ref badRequest);
                break;
            case 403:
                Interlocked.Increment(ref forbidden);
                break;
            case 404:
                Interlocked.Increment(ref notFound);
                break;
            case 429:
                Interlocked.Increment(ref throttled);
                break;
            default:
                Interlocked.Increment(ref serverErrors);
                break;
        }
    }

    internal void TimedOut()
    {
        Interlocked.Increment(ref this.requests);
        Interlocked.Increment(ref this.timeouts);
    }

    internal void SchemaViolation() => Interlocked.Increment(ref schemaViolations);

    public OperationStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref this.requests), Interlocked.Read(ref ok), Interlocked.Read(ref badRequest),
        Interlocked.Read(ref forbidden), Interlocked.Read(ref notFound), Interlocked.Read(ref throttled),
        Interlocked.Read(ref serverErrors), Interlocked.Read(ref this.timeouts), Interlocked.Read(ref schemaViolations));
}

public sealed record OperationStatsSnapshot(
    long Requests, long Ok, long BadRequest, long Forbidden, long NotFound, long Throttled,
    long ServerErrors, long Timeouts, long SchemaViolations);
