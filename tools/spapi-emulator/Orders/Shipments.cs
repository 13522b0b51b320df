using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>An order's shipments as getFulfillmentOrder answers them (the model's FulfillmentShipment). Call under the order's lock.</summary>
internal static class Shipments
{
    public static JsonArray For(FulfillmentOrderRecord order) => new(order.Shipments.Select(s => (JsonNode)View(s)).ToArray());

    private static JsonObject View(ShipmentRecord s)
    {
        var items = new JsonArray();
        for (var i = 0; i < s.Lines.Count; i++)
        {
            var line = new JsonObject
            {
                ["sellerSku"] = s.Lines[i].SellerSku,
                ["sellerFulfillmentOrderItemId"] = s.Lines[i].SellerFulfillmentOrderItemId,
                ["quantity"] = s.Lines[i].Quantity,
            };
            if (i < s.Packages.Count)
            {
                line["packageNumber"] = s.Packages[i].PackageNumber;
            }

            items.Add(line);
        }

        var view = new JsonObject
        {
            ["amazonShipmentId"] = s.AmazonShipmentId,
            ["fulfillmentCenterId"] = s.FulfillmentCenterId,
            ["fulfillmentShipmentStatus"] = s.Status,
        };

        // "If the value of FulfillmentShipmentStatus is CancelledByFulfiller or CancelledBySeller, shippingDate is not returned"; nor is the arrival.
        if (s.Status == ShipmentStatus.Shipped)
        {
            view["shippingDate"] = Iso8601.Format(s.ShippedAt!.Value);
            view["estimatedArrivalDate"] = Iso8601.Format(s.Packages.Max(p => p.EstimatedArrival));
        }
        else if (s.Status == ShipmentStatus.Pending)
        {
            view["shippingDate"] = Iso8601.Format(s.CreatedAt.AddDays(1));
            view["estimatedArrivalDate"] = Iso8601.Format(s.CreatedAt.AddDays(4));
        }

        view["fulfillmentShipmentItem"] = items;
        if (s.Packages.Count > 0)
        {
            view["fulfillmentShipmentPackage"] = new JsonArray(s.Packages.Select(p =>
            {
                var package = new JsonObject { ["packageNumber"] = p.PackageNumber, ["carrierCode"] = p.CarrierCode };
                if (p.TrackingNumber is { } tracking)
                {
                    package["trackingNumber"] = tracking;
                }

                if (p.AmazonFulfillmentTrackingNumber is { } amazonTracking)
                {
                    package["amazonFulfillmentTrackingNumber"] = amazonTracking;
                }

                package["estimatedArrivalDate"] = Iso8601.Format(p.EstimatedArrival);
                return (JsonNode)package;
            }).ToArray());
        }

        return view;
    }
}
