using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Applies an updateFulfillmentOrder body to an order's fields: given top-level fields replace the old
/// ones; items are matched by sellerFulfillmentOrderItemId and their given fields replaced. The change is
/// built on a copy, so a refused update leaves the order exactly as it was.
/// </summary>
internal static class OrderUpdate
{
    public static JsonObject? Apply(JsonObject current, JsonElement update)
    {
        var updated = current.DeepClone().AsObject();
        foreach (var field in update.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.Name != "items")
            {
                updated[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                continue;
            }

            var items = updated["items"]!.AsArray();
            foreach (var change in field.Value.EnumerateArray())
            {
                var id = change.GetProperty("sellerFulfillmentOrderItemId").GetString();
                if (items.FirstOrDefault(i => i!["sellerFulfillmentOrderItemId"]?.GetValue<string>() == id) is not JsonObject item)
                {
                    return null;
                }

                foreach (var itemField in change.EnumerateObject().Where(f => f.Value.ValueKind != JsonValueKind.Null))
                {
                    item[itemField.Name] = JsonNode.Parse(itemField.Value.GetRawText());
                }
            }
        }

        return updated;
    }

    public static string UnknownItemMessage(JsonObject current, JsonElement update)
    {
        var known = current["items"]!.AsArray().Select(i => i!["sellerFulfillmentOrderItemId"]?.GetValue<string>()).ToHashSet();
        var unknown = update.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("sellerFulfillmentOrderItemId").GetString())
            .First(id => !known.Contains(id));
        return $"Value {unknown} for parameter items.sellerFulfillmentOrderItemId is invalid. Reason: the order has no such item.";
    }
}
