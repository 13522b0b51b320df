namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>Configuration section "Tracking": where tracked orders are kept and what is written back.</summary>
internal sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>The Dapr state store component (transactional, with ETags).</summary>
    public string StoreName { get; set; } = "fbamesh-state";

    /// <summary>
    /// Optional pipeline stage per Amazon status, e.g. "Complete": {"PipelineId": "…", "StageId": "shipped"}.
    /// Keys are Amazon's fulfillmentOrderStatus values, plus "Shipped": the first package left Amazon.
    /// </summary>
    public Dictionary<string, StageTarget> Stages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ask Amazon for each new tracking number's customer tracking link (getPackageTrackingDetails).</summary>
    public bool ReadTrackingLinks { get; set; } = true;

    /// <summary>How long one worker may hold an order while it writes to Crystallize (a crashed worker's hold runs out).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class StageTarget
{
    public string PipelineId { get; set; } = "";

    public string StageId { get; set; } = "";
}
