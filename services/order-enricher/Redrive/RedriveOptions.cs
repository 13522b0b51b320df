namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>Configuration section "Redrive": how a Waiting order is sent again, and for how long.</summary>
internal sealed class RedriveOptions
{
    public const string SectionName = "Redrive";

    /// <summary>The Dapr cron input binding that wakes the scheduler; the app serves POST /{BindingName}.</summary>
    public string BindingName { get; set; } = "fbamesh-redrive";

    /// <summary>The wait after the first transient failure; each further one doubles it (with jitter).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts, however long the outage.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an order may keep waiting (from its first park) before it is Failed gave-up-after-horizon.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Width of one time bucket of the due-order index (keys redrive-{bucket}-{shard}).</summary>
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Keys per bucket: orders parked at the same moment spread over them, so their ETag writes rarely collide.</summary>
    public int Shards { get; set; } = 4;

    /// <summary>
    /// The scheduler's cursor stays this far behind the clock, so an entry written late (a writer paused
    /// between choosing its bucket and writing it, clocks of replicas apart) still lands in a scanned bucket.
    /// </summary>
    public TimeSpan Lag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Buckets one run reads at most (a run after a long stop catches up over several runs).</summary>
    public int MaxBucketsPerRun { get; set; } = 120;

    /// <summary>Orders one run sends again at most; the rest stay in the index for the next run.</summary>
    public int MaxOrdersPerRun { get; set; } = 500;
}
