namespace FbaMesh.DevMesh;

/// <summary>Where an order is, as the enricher records it (GET /api/orders/{id}).</summary>
public sealed record OrderProgress(
    string OrderId,
    string Status,
    string? ReasonCode = null,
    string? ReasonMessage = null,
    string? SellerFulfillmentOrderId = null,
    int OperatorRetries = 0,
    DateTimeOffset? NextAttemptAt = null)
{
    public const string Received = "Received";
    public const string Waiting = "Waiting";
    public const string Submitted = "Submitted";
    public const string Skipped = "Skipped";
    public const string Failed = "Failed";
    public const string Shipped = "Shipped";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    /// <summary>
    /// Submitted, Skipped and Failed are final for the pipeline, and so are Amazon's later news the tracker
    /// brings (Shipped, Completed, Cancelled); Received, Waiting and AwaitingStage are still moving.
    /// </summary>
    public bool IsSettled => Status is Submitted or Skipped or Failed or Shipped or Completed or Cancelled;

    public override string ToString() =>
        ReasonCode is null ? $"{OrderId} {Status}" : $"{OrderId} {Status} ({ReasonCode}: {ReasonMessage})";
}
