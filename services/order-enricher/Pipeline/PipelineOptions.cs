namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>Configuration section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Deliveries of one order that may end in RETRY (Crystallize unavailable or not readable yet, submitter
    /// unavailable) before the order is Failed and dropped to the dead-letter topic. Kept below the
    /// resiliency policy's redelivery count so the enricher, not the broker, decides and records why.
    /// </summary>
    public int MaxAttempts { get; set; } = 8;
}
