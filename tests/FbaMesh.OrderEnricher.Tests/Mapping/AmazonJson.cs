using System.Text.Json.Nodes;
using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>A mapped request in SP-API's camelCase and enum spelling, as fixtures/expected.json writes it.</summary>
internal static class AmazonJson
{
    public static JsonObject From(SubmitFulfillmentOrderRequest r)
    {
        var json = new JsonObject
        {
            ["marketplaceId"] = r.MarketplaceId,
            ["sellerFulfillmentOrderId"] = r.SellerFulfillmentOrderId,
            ["displayableOrderId"] = r.DisplayableOrderId,
            ["displayableOrderDate"] = r.DisplayableOrderDate.ToDateTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["displayableOrderComment"] = r.DisplayableOrderComment,
            ["shippingSpeedCategory"] = r.ShippingSpeedCategory.ToString(),
            ["destinationAddress"] = Address(r.DestinationAddress),
            ["fulfillmentAction"] = r.FulfillmentAction.ToString(),
            ["fulfillmentPolicy"] = r.FulfillmentPolicy.ToString(),
            ["items"] = new JsonArray([.. r.Items.Select(i => (JsonNode)new JsonObject
            {
                ["sellerSku"] = i.SellerSku,
                ["sellerFulfillmentOrderItemId"] = i.SellerFulfillmentOrderItemId,
                ["quantity"] = i.Quantity,
            })]),
        };
        if (r.NotificationEmails.Count > 0)
        {
            json["notificationEmails"] = new JsonArray([.. r.NotificationEmails.Select(e => (JsonNode)JsonValue.Create(e))]);
        }

        return json;
    }

    private static JsonObject Address(Address a)
    {
        var json = new JsonObject();
        Add(json, "name", a.Name);
        Add(json, "addressLine1", a.AddressLine1);
        Add(json, "addressLine2", a.AddressLine2);
        Add(json, "city", a.City);
        Add(json, "stateOrRegion", a.StateOrRegion);
        Add(json, "postalCode", a.PostalCode);
        Add(json, "countryCode", a.CountryCode);
        Add(json, "phone", a.Phone);
        return json;
    }

    private static void Add(JsonObject json, string name, string value)
    {
        if (value.Length > 0)
        {
            json[name] = value;
        }
    }
}
