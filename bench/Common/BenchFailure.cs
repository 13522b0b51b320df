namespace FbaMesh.Bench.Common;

/// <summary>
/// What --json holds when a scenario ends without a verdict of its own: it broke (an exception, a
/// cancellation nobody asked for), it was interrupted (Ctrl+C, SIGTERM), or its options were refused.
/// <see cref="Clean"/> is always false, so a script that reads "clean" never takes a broken run for a good one.
/// </summary>
/// <param name="Outcome">broken, interrupted or refused-options.</param>
/// <param name="Reason">One line: what happened, as stderr says it.</param>
/// <param name="Exception">The exception's type, message and full text; null for refused options.</param>
public sealed record BenchFailure(
    string Scenario, string Outcome, string Reason, BenchException? Exception, DateTimeOffset At, string LoadAverage)
{
    public const string Broken = "broken";
    public const string Interrupted = "interrupted";
    public const string RefusedOptions = "refused-options";

    public bool Clean => false;

    public static BenchFailure Of(string scenario, Exception exception, bool interrupted)
    {
        var reason = interrupted
            ? $"bench {scenario} was interrupted (Ctrl+C or SIGTERM) before its verdict."
            : $"bench {scenario} broke before its verdict: {exception.GetType().Name}: {exception.Message}";
        return new BenchFailure(
            scenario, interrupted ? Interrupted : Broken, reason, BenchException.Of(exception), DateTimeOffset.UtcNow, RunInfo.LoadAverageNow());
    }

    public static BenchFailure Refused(string scenario, string why) =>
        new(scenario, RefusedOptions, $"bench {scenario}: {why}", null, DateTimeOffset.UtcNow, RunInfo.LoadAverageNow());
}

/// <param name="Detail">Exception.ToString(): the inner exceptions and every stack trace.</param>
public sealed record BenchException(string Type, string Message, string Detail)
{
    public static BenchException Of(Exception exception) => new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.ToString());
}
