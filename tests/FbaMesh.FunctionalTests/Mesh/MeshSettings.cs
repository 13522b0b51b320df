using FbaMesh.DevMesh;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>Settings both mesh kinds share, so one scenario means the same thing on either.</summary>
internal static class MeshSettings
{
    /// <summary>
    /// Bounded retries kept small so "never readable" settles within seconds instead of the production
    /// minute; the behaviour (retry, then Failed and dead-lettered) is the same.
    /// </summary>
    public static Dictionary<string, IDictionary<string, string>> AppEnvironment() => new(StringComparer.Ordinal)
    {
        ["order-enricher"] = new Dictionary<string, string>
        {
            ["Pipeline__MaxAttempts"] = "4",
            ["Crystallize__ReadAttempts"] = "2",
            ["Crystallize__ReadRetryDelay"] = "00:00:00.050",
            ["Crystallize__HttpRetryDelay"] = "00:00:00.050",
        },
    };

    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public static MeshOptions EmulatedOptions() => new()
    {
        UseFreePorts = true,
        AppEnvironment = AppEnvironment(),
        LogDirectory = Path.Combine(Path.GetTempPath(), "fbamesh-functional", Guid.NewGuid().ToString("n")),
    };
}
