namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>Configuration section "Pipeline".</summary>
internal sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// How long a delivery's claim on an order keeps other deliveries (duplicate events) away. A claim older
    /// than this is taken over, so an order whose worker crashed is picked up by the redelivery; taking over a
    /// live claim is still safe, only wasteful, because the submitter answers a second submit ALREADY_EXISTS.
    /// Keep it well inside the redelivery window of the resiliency policy.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The most one delivery spends reading Crystallize and submitting; then the order parks as Waiting.
    /// Shorter than <see cref="ClaimLease"/>, so a claim never expires under running work, and shorter than
    /// the resiliency policy's delivery timeout (40 s), so the enricher answers before daprd gives up on it.
    /// </summary>
    public TimeSpan DeliveryBudget { get; set; } = TimeSpan.FromSeconds(35);
}
