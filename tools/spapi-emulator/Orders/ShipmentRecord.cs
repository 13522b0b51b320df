namespace FbaMesh.SpApiEmulator;

/// <summary>The model's FulfillmentShipmentStatus values.</summary>
internal static class ShipmentStatus
{
    public const string Pending = "PENDING";
    public const string Shipped = "SHIPPED";
    public const string CancelledByFulfiller = "CANCELLED_BY_FULFILLER";
    public const string CancelledBySeller = "CANCELLED_BY_SELLER";
}

/// <summary>One item quantity in a shipment.</summary>
internal sealed record ShipmentLine(string SellerSku, string SellerFulfillmentOrderItemId, int Quantity);

/// <summary>A shipment of an order: its items, its status and, once shipped, its packages. Changed under the order's lock.</summary>
internal sealed class ShipmentRecord(string amazonShipmentId, IReadOnlyList<ShipmentLine> lines, DateTimeOffset createdAt)
{
    public string AmazonShipmentId { get; } = amazonShipmentId;

    public string FulfillmentCenterId { get; } = "RNO1";

    public IReadOnlyList<ShipmentLine> Lines { get; } = lines;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = ShipmentStatus.Pending;

    /// <summary>Set by the plan: this shipment will be cancelled by the fulfillment center instead of shipping.</summary>
    public bool WillFail { get; init; }

    public DateTimeOffset? ShippedAt { get; set; }

    public List<PackageRecord> Packages { get; } = [];

    public bool IsOpen => Status == ShipmentStatus.Pending;
}

/// <summary>A package that left the fulfillment center. The tracking number may come later.</summary>
internal sealed class PackageRecord(int packageNumber, string carrierCode, DateTimeOffset shippedAt, DateTimeOffset estimatedArrival)
{
    public int PackageNumber { get; } = packageNumber;

    public string CarrierCode { get; } = carrierCode;

    public DateTimeOffset ShippedAt { get; } = shippedAt;

    public DateTimeOffset EstimatedArrival { get; } = estimatedArrival;

    public string? TrackingNumber { get; set; }

    public string? AmazonFulfillmentTrackingNumber { get; set; }
}
