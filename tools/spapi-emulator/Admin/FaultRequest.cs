namespace FbaMesh.SpApiEmulator;

/// <summary>
/// POST /_emulator/faults body: {"operation":"createFulfillmentOrder","kind":"serverError|timeout|quotaStorm",
/// "status":500,"afterCommit":true,"delayMs":2000,"outcome":"abort|answer","count":1,"durationMs":5000}.
/// </summary>
internal sealed record FaultRequest(
    string? Operation,
    FaultKind Kind = FaultKind.ServerError,
    int Status = 500,
    bool AfterCommit = false,
    int? DelayMs = null,
    TimeoutOutcome Outcome = TimeoutOutcome.Abort,
    int? Count = null,
    int? DurationMs = null)
{
    public FaultRule ToRule() => new()
    {
        Operation = Operation,
        Kind = Kind,
        StatusCode = Status,
        AfterCommit = AfterCommit,
        Delay = DelayMs is { } delay ? TimeSpan.FromMilliseconds(delay) : new FaultRule().Delay,
        Outcome = Outcome,
        Count = Count,
        Duration = DurationMs is { } duration ? TimeSpan.FromMilliseconds(duration) : null,
    };

    public static FaultRequest From(FaultRule rule) => new(
        rule.Operation, rule.Kind, rule.StatusCode, rule.AfterCommit, (int)rule.Delay.TotalMilliseconds,
        rule.Outcome, rule.Count, rule.Duration is { } d ? (int)d.TotalMilliseconds : null);
}
