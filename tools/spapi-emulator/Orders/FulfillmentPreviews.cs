using System.Globalization;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// getFulfillmentPreview's answer: one preview per shipping speed asked for, priced per unit. Items whose
/// SKU the inventory does not hold are listed as unfulfillable ("InvalidSKU") and make the preview unfulfillable.
/// </summary>
internal static class FulfillmentPreviews
{
    private static readonly Dictionary<string, int> TransitDays = new(StringComparer.Ordinal)
    {
        ["Standard"] = 5, ["Expedited"] = 3, ["Priority"] = 1, ["ScheduledDelivery"] = 2,
    };

    public static JsonObject For(JsonObject request, SellerInventory inventory, DateTimeOffset now, string defaultMarketplaceId)
    {
        var speeds = request["shippingSpeedCategories"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray()
            ?? ["Standard", "Expedited", "Priority"];
        var all = request["items"]!.AsArray();
        var items = all.Where(i => inventory.IsListed(i!["sellerSku"]!.GetValue<string>())).ToArray();
        var unlisted = all.Except(items).ToArray();
        var units = items.Sum(i => i!["quantity"]!.GetValue<int>());
        var previews = new JsonArray();
        foreach (var speed in speeds)
        {
            var days = TransitDays[speed];
            var preview = new JsonObject
            {
                ["shippingSpeedCategory"] = speed,
                ["isFulfillable"] = unlisted.Length == 0,
                ["isCODCapable"] = false,
                ["estimatedShippingWeight"] = Weight(units),
                ["estimatedFees"] = new JsonArray(new JsonObject
                {
                    ["name"] = "FBAPerUnitFulfillmentFee",
                    ["amount"] = new JsonObject { ["currencyCode"] = "USD", ["value"] = Money(units * (3.22m + (5 - days))) },
                }),
                ["fulfillmentPreviewShipments"] = items.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject
                {
                    ["earliestShipDate"] = Iso8601.Format(now.AddDays(1)),
                    ["latestShipDate"] = Iso8601.Format(now.AddDays(2)),
                    ["earliestArrivalDate"] = Iso8601.Format(now.AddDays(1 + days)),
                    ["latestArrivalDate"] = Iso8601.Format(now.AddDays(2 + days)),
                    ["fulfillmentPreviewItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
                    {
                        ["sellerSku"] = i!["sellerSku"]!.DeepClone(),
                        ["quantity"] = i["quantity"]!.DeepClone(),
                        ["sellerFulfillmentOrderItemId"] = i["sellerFulfillmentOrderItemId"]!.DeepClone(),
                        ["estimatedShippingWeight"] = Weight(i["quantity"]!.GetValue<int>()),
                        ["shippingWeightCalculationMethod"] = "Package",
                    }).ToArray()),
                }),
                ["unfulfillablePreviewItems"] = new JsonArray(unlisted.Select(i => (JsonNode)new JsonObject
                {
                    ["sellerSku"] = i!["sellerSku"]!.DeepClone(),
                    ["quantity"] = i["quantity"]!.DeepClone(),
                    ["sellerFulfillmentOrderItemId"] = i["sellerFulfillmentOrderItemId"]!.DeepClone(),
                    ["itemUnfulfillableReasons"] = new JsonArray("InvalidSKU"),
                }).ToArray()),
                ["marketplaceId"] = request["marketplaceId"]?.DeepClone() ?? defaultMarketplaceId,
            };
            if (request["featureConstraints"] is { } features)
            {
                preview["featureConstraints"] = features.DeepClone();
            }

            previews.Add(preview);
        }

        return new JsonObject { ["fulfillmentPreviews"] = previews };
    }

    private static JsonObject Weight(int units) => new() { ["unit"] = "POUNDS", ["value"] = Money(units * 1.5m) };

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
