using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>Shapes an order as getFulfillmentOrder and listAllFulfillmentOrders answer it. Call under the order's lock.</summary>
internal static class OrderView
{
    private static readonly string[] CopiedFields =
    [
        "sellerFulfillmentOrderId", "displayableOrderId", "displayableOrderComment", "shippingSpeedCategory",
        "deliveryWindow", "destinationAddress", "codSettings", "notificationEmails", "featureConstraints",
    ];

    public static JsonObject FulfillmentOrder(FulfillmentOrderRecord order, string defaultMarketplaceId)
    {
        var source = order.Order;
        var view = new JsonObject();
        foreach (var field in CopiedFields)
        {
            if (source[field] is { } value)
            {
                view[field] = value.DeepClone();
            }
        }

        view["marketplaceId"] = source["marketplaceId"]?.DeepClone() ?? defaultMarketplaceId;
        view["displayableOrderDate"] = Timestamp(source["displayableOrderDate"]) ?? Iso8601.Format(order.ReceivedAt);
        view["fulfillmentAction"] = source["fulfillmentAction"]?.DeepClone() ?? "Ship";
        view["fulfillmentPolicy"] = source["fulfillmentPolicy"]?.DeepClone() ?? "FillOrKill";
        view["receivedDate"] = Iso8601.Format(order.ReceivedAt);
        view["fulfillmentOrderStatus"] = order.Status;
        view["statusUpdatedDate"] = Iso8601.Format(order.StatusUpdatedAt);
        return view;
    }

    public static JsonObject Result(FulfillmentOrderRecord order, string defaultMarketplaceId)
    {
        var result = new JsonObject
        {
            ["fulfillmentOrder"] = FulfillmentOrder(order, defaultMarketplaceId),
            ["fulfillmentOrderItems"] = Items(order),
            ["fulfillmentShipments"] = Shipments.For(order),
            ["returnItems"] = new JsonArray(),
            ["returnAuthorizations"] = new JsonArray(),
        };
        if (order.Order["paymentInformation"] is { } payment)
        {
            result["paymentInformation"] = payment.DeepClone();
        }

        return result;
    }

    private static JsonArray Items(FulfillmentOrderRecord order)
    {
        var items = new JsonArray();
        foreach (var item in order.Order["items"]?.AsArray() ?? [])
        {
            var quantity = item!["quantity"]!.GetValue<int>();
            var itemId = item["sellerFulfillmentOrderItemId"]!.GetValue<string>();
            var view = new JsonObject
            {
                ["sellerSku"] = item["sellerSku"]!.DeepClone(),
                ["sellerFulfillmentOrderItemId"] = item["sellerFulfillmentOrderItemId"]!.DeepClone(),
                ["quantity"] = quantity,
                ["fulfillmentNetworkSku"] = item["fulfillmentNetworkSku"]?.DeepClone() ?? TrackingCodes.NetworkSku(item["sellerSku"]!.GetValue<string>()),
                ["orderItemDisposition"] = "Sellable",
                ["cancelledQuantity"] = order.CancelledQuantities.GetValueOrDefault(itemId),
                ["unfulfillableQuantity"] = order.UnfulfillableQuantities.GetValueOrDefault(itemId),
                ["estimatedShipDate"] = Iso8601.Format(order.ReceivedAt.AddDays(1)),
                ["estimatedArrivalDate"] = Iso8601.Format(order.ReceivedAt.AddDays(4)),
            };
            foreach (var optional in (string[])["giftMessage", "displayableComment", "perUnitDeclaredValue", "perUnitPrice", "perUnitTax"])
            {
                if (item[optional] is { } value)
                {
                    view[optional] = value.DeepClone();
                }
            }

            items.Add(view);
        }

        return items;
    }

    private static string? Timestamp(JsonNode? node) =>
        node is not null && Iso8601.TryParse(node.GetValue<string>(), out var value) ? Iso8601.Format(value) : null;
}
