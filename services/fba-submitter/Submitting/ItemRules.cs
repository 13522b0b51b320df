using FbaMesh.Contracts;
using FbaMesh.Contracts.Fulfillment.V1;
using Google.Protobuf.Collections;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>Amazon's limits on lines: 1..100 lines and at most 250 units in one order.</summary>
internal static class ItemRules
{
    public static void Check(RepeatedField<FulfillmentOrderItem> items, List<(string, string)> v)
    {
        if (items.Count == 0)
        {
            v.Add(("items", "at least one item is required"));
            return;
        }

        if (items.Count > AmazonItemLimits.MaxLines)
        {
            v.Add(("items", $"has {items.Count} lines; Amazon takes at most {AmazonItemLimits.MaxLines}"));
        }

        long units = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            SubmitRequestValidator.Required(item.SellerSku, $"{at}.seller_sku", AmazonItemLimits.MaxSkuLength, v);
            SubmitRequestValidator.Required(item.SellerFulfillmentOrderItemId, $"{at}.seller_fulfillment_order_item_id", AmazonItemLimits.MaxSkuLength, v);
            SubmitRequestValidator.Optional(item.GiftMessage, $"{at}.gift_message", 512, v);
            SubmitRequestValidator.Optional(item.DisplayableComment, $"{at}.displayable_comment", 250, v);
            if (item.Quantity <= 0)
            {
                v.Add(($"{at}.quantity", "must be positive"));
            }

            units += Math.Max(0, item.Quantity);
            MoneyRules.Check(item.PerUnitDeclaredValue, $"{at}.per_unit_declared_value", v);
            MoneyRules.Check(item.PerUnitPrice, $"{at}.per_unit_price", v);
            MoneyRules.Check(item.PerUnitTax, $"{at}.per_unit_tax", v);
            AnswerOnly(item, at, v);
        }

        if (units > AmazonItemLimits.MaxUnits)
        {
            v.Add(("items", $"holds {units} units; Amazon takes at most {AmazonItemLimits.MaxUnits} per order"));
        }

        var duplicates = items.GroupBy(i => i.SellerFulfillmentOrderItemId).Where(g => g.Key.Length > 0 && g.Count() > 1).Select(g => g.Key);
        foreach (var id in duplicates)
        {
            v.Add(("items", $"seller_fulfillment_order_item_id '{id}' appears more than once"));
        }
    }

    // Quantities and dates that Amazon reports about an order it holds; a request to create one cannot carry them.
    private static void AnswerOnly(FulfillmentOrderItem item, string at, List<(string, string)> v)
    {
        var set = new (bool IsSet, string Field)[]
        {
            (item.CancelledQuantity != 0, "cancelled_quantity"),
            (item.UnfulfillableQuantity != 0, "unfulfillable_quantity"),
            (item.EstimatedShipDate is not null, "estimated_ship_date"),
            (item.EstimatedArrivalDate is not null, "estimated_arrival_date"),
            (item.OrderItemDisposition.Length > 0, "order_item_disposition"),
        };
        foreach (var (_, field) in set.Where(s => s.IsSet))
        {
            v.Add(($"{at}.{field}", "is reported by Amazon and cannot be submitted"));
        }
    }
}
