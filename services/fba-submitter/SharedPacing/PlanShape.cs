namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// The Generic Cell Rate Algorithm for one usage plan, with the allowances of the in-process pacer: it
/// paces at (1 - margin) of the rate and tolerates a burst smaller than Amazon's by one permit plus what
/// the rate brings in the jitter allowance, so permits that leave a little late or bunched (threads,
/// clocks of different replicas) still fit Amazon's bucket.
/// </summary>
internal readonly record struct PlanShape(double Rate, TimeSpan Interval, TimeSpan Tolerance, int MaxBatch)
{
    /// <summary>The most of the rate one booking covers.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(250);

    public static PlanShape For(double rate, int burst, double margin, TimeSpan jitterAllowance)
    {
        var paced = rate * (1 - margin);
        var reserve = 1 + (int)Math.Ceiling(paced * jitterAllowance.TotalSeconds);
        var limit = Math.Max(1, burst - reserve);
        var interval = TimeSpan.FromSeconds(1 / paced);
        // One store write books for every caller waiting, up to a quarter second of the rate: each
        // booking is a read and a conditional write through the sidecar, and with several replicas
        // every extra round trip is another chance to conflict. Only callers already waiting are
        // booked for, so a bigger batch spends no permit on a caller that is not there.
        var batch = Math.Max(1, (int)Math.Floor(paced * BatchWindow.TotalSeconds));
        return new PlanShape(rate, interval, interval * (limit - 1), batch);
    }

    /// <summary>
    /// Books <paramref name="count"/> permits, none before <paramref name="start"/>, on a plan spent up to
    /// <paramref name="nextFree"/>: the times they may leave, earliest first, and the plan's new
    /// theoretical arrival time.
    /// </summary>
    public (DateTimeOffset[] Permits, DateTimeOffset NextFree) Book(DateTimeOffset start, DateTimeOffset nextFree, int count)
    {
        var permits = new DateTimeOffset[count];
        var tat = nextFree;
        for (var i = 0; i < count; i++)
        {
            var earliest = tat - Tolerance;
            permits[i] = earliest > start ? earliest : start;
            tat = (tat > permits[i] ? tat : permits[i]) + Interval;
        }

        return (permits, tat);
    }

    /// <summary>When the first of <paramref name="nextFree"/>'s next permits may leave.</summary>
    public DateTimeOffset FirstFree(DateTimeOffset now, DateTimeOffset nextFree) =>
        nextFree - Tolerance > now ? nextFree - Tolerance : now;
}
