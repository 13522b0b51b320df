using FbaMesh.DevMesh;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>Settings both mesh kinds share, so one scenario means the same thing on either.</summary>
internal static class MeshSettings
{
    /// <summary>
    /// A short redrive backoff and horizon so "never readable" settles within a minute instead of the
    /// production day; the behaviour (Waiting, redriven, then Failed gave-up-after-horizon) is the same.
    /// The horizon stays far above a service restart on a loaded machine, so an outage of the submitter
    /// parks orders instead of failing them.
    /// </summary>
    public static Dictionary<string, IDictionary<string, string>> AppEnvironment() => new(StringComparer.Ordinal)
    {
        ["order-enricher"] = new Dictionary<string, string>
        {
            ["Redrive__FirstDelay"] = "00:00:00.200",
            ["Redrive__MaxDelay"] = "00:00:02",
            ["Redrive__Horizon"] = "00:00:40",
            ["Redrive__BucketWidth"] = "00:00:01",
            ["Redrive__Lag"] = "00:00:05",
            ["Crystallize__ReadAttempts"] = "2",
            ["Crystallize__ReadRetryDelay"] = "00:00:00.050",
            ["Crystallize__HttpRetryDelay"] = "00:00:00.050",
        },

        // An attempt that times out is sent again: an emulator in the loaded test process that took Amazon's
        // refusal or Crystallize's write but answered after the default 10 s would make a second create or a
        // second write, which the scenarios count. Below the submitter's 25 s call deadline.
        ["fba-submitter"] = new Dictionary<string, string> { ["SpApi__AttemptTimeout"] = "00:00:20" },
        ["fulfillment-tracker"] = new Dictionary<string, string>
        {
            ["CrystallizeCoreApi__AttemptTimeout"] = "00:01:00",
            ["CrystallizeCoreApi__TotalTimeout"] = "00:02:00",
        },
    };

    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The redrive tick of the emulated mesh (the repository's local component ticks every 5 s).</summary>
    public static Dictionary<string, string> CronSchedules() => new(StringComparer.Ordinal) { ["fbamesh-redrive"] = "@every 1s" };

    public static MeshOptions EmulatedOptions() => new()
    {
        UseFreePorts = true,
        AppEnvironment = AppEnvironment(),
        CronSchedules = CronSchedules(),
        LogDirectory = Path.Combine(Path.GetTempPath(), "fbamesh-functional", Guid.NewGuid().ToString("n")),
    };
}
