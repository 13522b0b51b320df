using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.FulfillmentTracker.Amazon;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>
/// Which events an order's state calls for, each with an id that names the change (not the moment), so a
/// change seen twice — a duplicate notification, a poll after a notification — is announced once:
/// fulfillment.shipped per shipment that left Amazon (a re-shipment is a new shipment), and one of
/// fulfillment.completed / .cancelled / .unfulfillable when the order ends.
/// </summary>
internal static class ProgressEvents
{
    public static IReadOnlyList<PendingEvent> Decide(TrackedOrder order, IReadOnlyList<AmazonShipment> shipments, DateTimeOffset now)
    {
        var progress = Progress(order, now);
        var events = new List<PendingEvent>();
        foreach (var shipment in shipments.Where(s => AmazonStatuses.Is(s.Status, AmazonStatuses.ShipmentShipped)).OrderBy(s => s.AmazonShipmentId, StringComparer.Ordinal))
        {
            events.Add(Event(PubSub.FulfillmentShipped, $"{order.SellerFulfillmentOrderId}/shipped/{shipment.AmazonShipmentId}", new FulfillmentShipped { Progress = progress }));
        }

        var status = order.AmazonStatus;
        if (AmazonStatuses.IsCompleted(status))
        {
            events.Add(Event(PubSub.FulfillmentCompleted, $"{order.SellerFulfillmentOrderId}/completed", new FulfillmentCompleted { Progress = progress }));
        }
        else if (AmazonStatuses.Is(status, AmazonStatuses.Cancelled))
        {
            events.Add(Event(PubSub.FulfillmentCancelled, $"{order.SellerFulfillmentOrderId}/cancelled", new FulfillmentCancelled { Progress = progress }));
        }
        else if (AmazonStatuses.IsUnfulfillable(status))
        {
            events.Add(Event(PubSub.FulfillmentUnfulfillable, $"{order.SellerFulfillmentOrderId}/unfulfillable", new FulfillmentUnfulfillable { Progress = progress }));
        }

        return events;
    }

    public static FulfillmentProgress Progress(TrackedOrder order, DateTimeOffset now)
    {
        var progress = new FulfillmentProgress
        {
            OrderId = order.OrderId,
            SellerFulfillmentOrderId = order.SellerFulfillmentOrderId,
            AmazonStatus = order.AmazonStatus ?? "",
            ObservedAt = Timestamp.FromDateTimeOffset(now),
        };
        if (order.StatusUpdatedAt is { } updated)
        {
            progress.StatusUpdatedAt = Timestamp.FromDateTimeOffset(updated);
        }

        foreach (var package in order.Packages)
        {
            var tracking = new ShipmentTracking
            {
                AmazonShipmentId = package.AmazonShipmentId,
                ShipmentStatus = package.ShipmentStatus,
                PackageNumber = package.PackageNumber,
                Carrier = package.Carrier ?? "",
                TrackingNumber = package.TrackingNumber ?? "",
                TrackingLink = package.TrackingLink ?? "",
            };
            if (package.EstimatedArrival is { } arrival)
            {
                tracking.EstimatedArrival = Timestamp.FromDateTimeOffset(arrival);
            }

            if (package.ShippedAt is { } shipped)
            {
                tracking.ShippedAt = Timestamp.FromDateTimeOffset(shipped);
            }

            progress.Shipments.Add(tracking);
        }

        return progress;
    }

    private static PendingEvent Event(string topic, string id, IMessage message) => new(topic, id, JsonFormatter.Default.Format(message));
}
