using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// One status change as Amazon's FULFILLMENT_ORDER_STATUS notification tells it: the order's status and,
/// for a shipment change, the shipment with its packages as they were at that moment.
/// </summary>
internal sealed record OrderEvent(string SellerFulfillmentOrderId, string EventType, string FulfillmentOrderStatus, DateTimeOffset At, JsonObject? FulfillmentShipment)
{
    public static OrderEvent ForOrder(FulfillmentOrderRecord order, DateTimeOffset at) =>
        new(order.Id, "Order", order.Status, at, null);

    public static OrderEvent ForShipment(FulfillmentOrderRecord order, ShipmentRecord shipment, DateTimeOffset at)
    {
        var packages = new JsonArray(shipment.Packages.Select(p =>
        {
            var package = new JsonObject { ["PackageNumber"] = p.PackageNumber, ["CarrierCode"] = p.CarrierCode };
            if (p.TrackingNumber is { } tracking)
            {
                package["TrackingNumber"] = tracking;
            }

            return (JsonNode)package;
        }).ToArray());
        var view = new JsonObject
        {
            ["FulfillmentShipmentStatus"] = shipment.Status,
            ["AmazonShipmentId"] = shipment.AmazonShipmentId,
        };
        if (shipment.Packages.Count > 0)
        {
            view["EstimatedArrivalDateTime"] = Iso8601.Format(shipment.Packages.Max(p => p.EstimatedArrival));
            view["FulfillmentShipmentPackages"] = packages;
        }

        return new(order.Id, "Shipment", order.Status, at, view);
    }
}
