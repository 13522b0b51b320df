namespace FbaMesh.SpApiEmulator;

public enum FaultKind
{
    /// <summary>Answer a 5xx (<see cref="FaultRule.StatusCode"/>) with SP-API's error body.</summary>
    ServerError,

    /// <summary>Hold the request for <see cref="FaultRule.Delay"/>, then drop the connection or answer late.</summary>
    Timeout,

    /// <summary>Answer 429 QuotaExceeded whatever the bucket holds.</summary>
    QuotaStorm,
}

public enum TimeoutOutcome
{
    /// <summary>Abort the connection after the hold: the caller never learns what happened.</summary>
    Abort,

    /// <summary>Answer normally after the hold: a slow upstream.</summary>
    Answer,
}

/// <summary>
/// One injected fault. It lasts for <see cref="Count"/> matching requests and/or <see cref="Duration"/>
/// (on the emulator's clock), or until cleared. With <see cref="AfterCommit"/> the operation is carried
/// out first (the order IS created) and only then does the caller get the 5xx or the timeout.
/// </summary>
public sealed record FaultRule
{
    /// <summary>operationId the fault applies to; null or "*" for every operation.</summary>
    public string? Operation { get; init; }

    public FaultKind Kind { get; init; } = FaultKind.ServerError;

    public int StatusCode { get; init; } = StatusCodes.Status500InternalServerError;

    public bool AfterCommit { get; init; }

    /// <summary>Wall-clock hold before a timeout's outcome (client timeouts are wall-clock too).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeoutOutcome Outcome { get; init; } = TimeoutOutcome.Abort;

    public int? Count { get; init; }

    public TimeSpan? Duration { get; init; }

    internal bool AppliesTo(string operation) => Operation is null or "*" || Operation == operation;

    internal void Validate()
    {
        if (Operation is not null and not "*" && !Operations.All.Contains(Operation))
        {
            throw new ArgumentException($"Unknown operation '{Operation}'; use one of: {string.Join(", ", Operations.All)} or '*'.");
        }

        if (Kind == FaultKind.ServerError && StatusCode is < 500 or > 599)
        {
            throw new ArgumentException($"A server error fault needs a 5xx status, not {StatusCode}.");
        }

        if (Kind == FaultKind.QuotaStorm && AfterCommit)
        {
            throw new ArgumentException("A 429 storm refuses requests before they run; it cannot be after-commit.");
        }

        if (Count is < 1 || Duration is { } d && d <= TimeSpan.Zero || Delay < TimeSpan.Zero || Delay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("count must be at least 1, duration positive, and delay between 0 and 10 minutes.");
        }
    }
}
