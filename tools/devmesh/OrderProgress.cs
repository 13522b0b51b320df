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

    /// <summary>Submitted, Skipped and Failed are final; Received and Waiting are still moving.</summary>
    public bool IsSettled => Status is Submitted or Skipped or Failed;

    public override string ToString() =>
        ReasonCode is null ? $"{OrderId} {Status}" : $"{OrderId} {Status} ({ReasonCode}: {ReasonMessage})";
}
