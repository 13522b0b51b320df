using FbaMesh.FulfillmentTracker.Amazon;

namespace FbaMesh.FulfillmentTracker.Tests.Mesh;

/// <summary>Amazon pictures for tests: statuses, shipments and packages as getFulfillmentOrder shows them.</summary>
internal static class AmazonOrders
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static AmazonOrder Order(string id, string status, int minutes, params AmazonShipment[] shipments) =>
        new(id, status, T0.AddMinutes(minutes), shipments);

    public static AmazonShipment Shipped(string shipmentId, params AmazonPackage[] packages) =>
        new(shipmentId, "SHIPPED", T0.AddHours(1), T0.AddDays(3), packages);

    public static AmazonShipment Pending(string shipmentId, params AmazonPackage[] packages) =>
        new(shipmentId, "PENDING", null, T0.AddDays(4), packages);

    public static AmazonShipment CancelledByFulfiller(string shipmentId, params AmazonPackage[] packages) =>
        new(shipmentId, "CANCELLED_BY_FULFILLER", null, null, packages);

    public static AmazonPackage Package(int number, string carrier = "UPS", string? trackingNumber = null) =>
        new(number, carrier, trackingNumber, null);
}
