namespace FbaMesh.SpApiEmulator;

/// <summary>
/// An order createFulfillmentOrder accepted, with the request body exactly as it arrived and the W3C
/// traceparent header of that request (null when the caller sent none), so tests can follow a trace.
/// </summary>
public sealed record CreatedFulfillmentOrder(string SellerFulfillmentOrderId, string RequestJson, DateTimeOffset ReceivedAt, string Status, string? TraceParent = null)
{
    /// <summary>The order's fulfillmentAction now (Ship, or Hold until an update releases it).</summary>
    public string FulfillmentAction { get; init; } = "Ship";

    public IReadOnlyList<EmulatedShipment> Shipments { get; init; } = [];
}

/// <summary>A shipment as the fulfillment center holds it: Amazon's shipment id, its status and its packages.</summary>
public sealed record EmulatedShipment(string AmazonShipmentId, string Status, IReadOnlyList<EmulatedPackage> Packages);

/// <summary>A package; the tracking number is null until Amazon provides it.</summary>
public sealed record EmulatedPackage(int PackageNumber, string CarrierCode, string? TrackingNumber);
