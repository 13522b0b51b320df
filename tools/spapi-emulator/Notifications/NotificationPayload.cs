using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// A FULFILLMENT_ORDER_STATUS notification in the shape of Amazon's schema
/// (schemas/notifications/FulfillmentOrderStatusNotification.json): version, type, event time, the
/// payload with the order's status and, for a shipment change, the shipment and its packages, and the
/// metadata whose NotificationId stays the same across redeliveries.
/// </summary>
internal static class NotificationPayload
{
    public static JsonObject Build(OrderEvent change, string sellerId, Guid notificationId, DateTimeOffset publishedAt)
    {
        var body = new JsonObject
        {
            ["SellerId"] = sellerId,
            ["EventType"] = change.EventType,
            ["StatusUpdatedDateTime"] = Iso8601.Format(change.At),
            ["SellerFulfillmentOrderId"] = change.SellerFulfillmentOrderId,
            ["FulfillmentOrderStatus"] = change.FulfillmentOrderStatus,
        };
        if (change.FulfillmentShipment is { } shipment)
        {
            body["FulfillmentShipment"] = shipment.DeepClone();
        }

        return new JsonObject
        {
            ["NotificationVersion"] = "1.0",
            ["NotificationType"] = "FULFILLMENT_ORDER_STATUS",
            ["PayloadVersion"] = "1.0",
            ["EventTime"] = Iso8601.Format(change.At),
            ["Payload"] = new JsonObject { ["FulfillmentOrderStatusNotification"] = body },
            ["NotificationMetadata"] = new JsonObject
            {
                ["ApplicationId"] = "amzn1.sp.solution.emulator-application",
                ["SubscriptionId"] = "emulator-subscription-fulfillment-order-status",
                ["PublishTime"] = Iso8601.Format(publishedAt),
                ["NotificationId"] = notificationId.ToString(),
            },
        };
    }
}
