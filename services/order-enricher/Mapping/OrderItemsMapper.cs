using FbaMesh.Contracts;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>The items row of DESIGN §6.1: SKU map, FBA allow-list, merge by seller SKU, Amazon's limits.</summary>
internal static class OrderItemsMapper
{
    public static (IReadOnlyList<FulfillmentOrderItem> Items, MappingOutcome? Stop) Map(
        IReadOnlyList<CartLine>? cart, FulfillmentMappingOptions options)
    {
        var allowList = options.FbaSkus.Select(CleanText.Of).ToHashSet(StringComparer.Ordinal);
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in cart ?? [])
        {
            var sku = CleanText.Of(line?.Sku);
            if (line?.Quantity is not > 0 || sku.Length == 0)
            {
                continue;
            }

            var sellerSku = CleanText.Of(options.SkuMap.GetValueOrDefault(sku, sku));
            if (sellerSku.Length == 0 || (allowList.Count > 0 && !allowList.Contains(sellerSku)))
            {
                continue;
            }

            if (sellerSku.Length > AmazonItemLimits.MaxSkuLength)
            {
                return ([], new MappingOutcome.Rejected(ReasonCodes.InvalidSku, $"Seller SKU '{sellerSku}' is longer than {AmazonItemLimits.MaxSkuLength} characters."));
            }

            if (merged.TryAdd(sellerSku, line.Quantity.Value))
            {
                order.Add(sellerSku);
            }
            else
            {
                merged[sellerSku] += line.Quantity.Value;
            }
        }

        if (order.Count == 0)
        {
            return ([], new MappingOutcome.Skipped(ReasonCodes.NoFbaItems, "No cart line is an FBA item with a positive quantity."));
        }

        var units = merged.Values.Sum();
        if (order.Count > AmazonItemLimits.MaxLines || units > AmazonItemLimits.MaxUnits)
        {
            return ([], new MappingOutcome.Rejected(
                ReasonCodes.TooManyUnits,
                $"The order has {order.Count} FBA lines and {units} units; Amazon takes at most {AmazonItemLimits.MaxLines} lines and {AmazonItemLimits.MaxUnits} units."));
        }

        var items = order.Select(sku => new FulfillmentOrderItem
        {
            SellerSku = sku,
            SellerFulfillmentOrderItemId = sku,
            Quantity = (int)merged[sku],
        }).ToList();
        return (items, null);
    }
}
