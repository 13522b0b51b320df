using System.Text.Json;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Rules the model states in prose rather than in schema keywords: "Maximum of 100 line items with a
/// maximum of 250 units per order" (create and preview), displayableOrderId "from one to 40 characters
/// ... Cannot contain two spaces in a row", and "Hold is not a valid fulfillmentAction value when the
/// shippingSpeedCategory value is ScheduledDelivery".
/// </summary>
internal static class BusinessRules
{
    public const int MaxLineItems = 100;
    public const int MaxUnits = 250;

    public static void CheckItems(JsonElement body, List<Violation> found)
    {
        if (!body.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var lines = items.GetArrayLength();
        if (lines > MaxLineItems)
        {
            found.Add(Violation.Invalid("items", $"[{lines} line items]", $"a fulfillment order holds at most {MaxLineItems} line items"));
        }

        long units = 0;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("quantity", out var q) && q.TryGetInt32(out var quantity))
            {
                if (quantity < 1)
                {
                    found.Add(Violation.Invalid($"items[{index}].quantity", q.GetRawText(), "quantity must be at least 1"));
                }

                units += Math.Max(0, quantity);
            }

            index++;
        }

        if (units > MaxUnits)
        {
            found.Add(Violation.Invalid("items", $"[{units} units]", $"a fulfillment order holds at most {MaxUnits} units"));
        }
    }

    public static void CheckCreate(JsonElement body, List<Violation> found)
    {
        CheckItems(body, found);
        if (body.TryGetProperty("displayableOrderId", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var text = id.GetString()!;
            if (text.Trim().Length == 0)
            {
                found.Add(Violation.Invalid("displayableOrderId", text, "must be from one to 40 characters"));
            }
            else if (text.Contains("  ", StringComparison.Ordinal))
            {
                found.Add(Violation.Invalid("displayableOrderId", SchemaValidator.Shown(text), "cannot contain two spaces in a row"));
            }
        }

        if (Text(body, "shippingSpeedCategory") == "ScheduledDelivery" && Text(body, "fulfillmentAction") == "Hold")
        {
            found.Add(Violation.Invalid("fulfillmentAction", "Hold", "Hold is not valid when shippingSpeedCategory is ScheduledDelivery"));
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
