namespace FbaMesh.SpApiEmulator;

/// <summary>Answers of one operation by kind; "timeouts" are requests held and dropped by an injected fault.</summary>
public sealed class OperationCounters
{
    private long _requests;
    private long _ok;
    private long _badRequest;
    private long _forbidden;
    private long _notFound;
    private long _throttled;
    private long _serverErrors;
    private long _timeouts;
    private long _schemaViolations;

    public long Requests => Interlocked.Read(ref _requests);

    internal void Count(int status)
    {
        Interlocked.Increment(ref _requests);
        switch (status)
        {
            case >= 200 and < 300:
                Interlocked.Increment(ref _ok);
                break;
            case 400:
                Interlocked.Increment(ref _badRequest);
                break;
            case 403:
                Interlocked.Increment(ref _forbidden);
                break;
            case 404:
                Interlocked.Increment(ref _notFound);
                break;
            case 429:
                Interlocked.Increment(ref _throttled);
                break;
            default:
                Interlocked.Increment(ref _serverErrors);
                break;
        }
    }

    internal void TimedOut()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _timeouts);
    }

    internal void SchemaViolation() => Interlocked.Increment(ref _schemaViolations);

    public OperationStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _ok), Interlocked.Read(ref _badRequest),
        Interlocked.Read(ref _forbidden), Interlocked.Read(ref _notFound), Interlocked.Read(ref _throttled),
        Interlocked.Read(ref _serverErrors), Interlocked.Read(ref _timeouts), Interlocked.Read(ref _schemaViolations));
}

public sealed record OperationStatsSnapshot(
    long Requests, long Ok, long BadRequest, long Forbidden, long NotFound, long Throttled,
    long ServerErrors, long Timeouts, long SchemaViolations);
