namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>Configuration section "Pipeline".</summary>
internal sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Deliveries of one order that may end in RETRY (Crystallize unavailable or not readable yet, submitter
    /// unavailable) before the order is Failed and dropped to the dead-letter topic. Kept below the
    /// resiliency policy's redelivery count so the enricher, not the broker, decides and records why.
    /// </summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>
    /// How long a delivery's claim on an order keeps other deliveries (duplicate events) away. A claim older
    /// than this is taken over, so an order whose worker crashed is picked up by the redelivery; taking over a
    /// live claim is still safe, only wasteful, because the submitter answers a second submit ALREADY_EXISTS.
    /// Keep it well inside the redelivery window of the resiliency policy.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}
