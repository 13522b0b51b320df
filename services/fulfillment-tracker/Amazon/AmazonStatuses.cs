namespace FbaMesh.FulfillmentTracker.Amazon;

/// <summary>Amazon's fulfillment order and shipment statuses as the tracker reads them (fulfillmentOutbound 2020-07-01).</summary>
internal static class AmazonStatuses
{
    public const string Complete = "Complete";
    public const string CompletePartialled = "CompletePartialled";
    public const string Cancelled = "Cancelled";
    public const string Unfulfillable = "Unfulfillable";
    public const string Invalid = "Invalid";

    public const string ShipmentShipped = "SHIPPED";
    public const string ShipmentCancelledByFulfiller = "CANCELLED_BY_FULFILLER";
    public const string ShipmentCancelledBySeller = "CANCELLED_BY_SELLER";

    /// <summary>Amazon changes a final order no more: tracking stops.</summary>
    public static bool IsFinal(string? status) =>
        Is(status, Complete) || Is(status, CompletePartialled) || Is(status, Cancelled) || Is(status, Unfulfillable) || Is(status, Invalid);

    public static bool IsCompleted(string? status) => Is(status, Complete) || Is(status, CompletePartialled);

    public static bool IsUnfulfillable(string? status) => Is(status, Unfulfillable) || Is(status, Invalid);

    /// <summary>
    /// A cancelled shipment will not arrive: CANCELLED_BY_FULFILLER is followed by a new shipment Amazon
    /// creates itself, CANCELLED_BY_SELLER by nothing.
    /// </summary>
    public static bool IsCancelledShipment(string? status) =>
        Is(status, ShipmentCancelledByFulfiller) || Is(status, ShipmentCancelledBySeller);

    public static bool Is(string? status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);
}
