namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>
/// Configuration section "Sweep": the reconciliation sweep over Crystallize's recent orders. Where the Core
/// API is and how hard to try are the shared client's settings (section CrystallizeCoreApi).
/// </summary>
internal sealed class SweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>The Dapr cron input binding that starts a sweep; the app serves POST /{BindingName}.</summary>
    public string BindingName { get; set; } = "fbamesh-reconcile";

    /// <summary>Orders created this long ago or later are listed.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Orders per page of the orders connection (Crystallize allows 1 to 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The rate limit: at least this long between two page requests.</summary>
    public TimeSpan PageInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cost bound of one sweep: it stops (and says so in the log) after this many pages.</summary>
    public int MaxPages { get; set; } = 500;

    /// <summary>
    /// Sweeps closer together than this are skipped: with several replicas every sidecar's cron fires, and
    /// the first to take the lease (an ETag write in fbamesh-state) sweeps for all of them.
    /// </summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(10);
}
