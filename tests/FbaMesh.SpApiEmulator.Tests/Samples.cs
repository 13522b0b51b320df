using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Request bodies: a valid order like the seed's mapping produces, and Amazon's own sandbox examples.</summary>
internal static class Samples
{
    private static readonly Lazy<JsonNode> Sandbox2022 = new(() => JsonNode.Parse(File.ReadAllText(
        RepositoryPaths.Combine("tools", "spapi-emulator", "model", "fulfillmentOutbound_2020-07-01.static-sandbox-2022.json")))!);

    public static JsonObject Order(string id, int lines = 1, int quantityEach = 1) => new()
    {
        ["marketplaceId"] = "ATVPDKIKX0DER",
        ["sellerFulfillmentOrderId"] = id,
        ["displayableOrderId"] = id,
        ["displayableOrderDate"] = "2026-11-20T10:15:00Z",
        ["displayableOrderComment"] = "Thank you for your order!",
        ["shippingSpeedCategory"] = "Standard",
        ["fulfillmentAction"] = "Ship",
        ["fulfillmentPolicy"] = "FillOrKill",
        ["destinationAddress"] = new JsonObject
        {
            ["name"] = "Kari Nordmann",
            ["addressLine1"] = "Storgata 12",
            ["city"] = "Oslo",
            ["postalCode"] = "0155",
            ["countryCode"] = "NO",
        },
        ["featureConstraints"] = new JsonArray(new JsonObject { ["featureName"] = "BLOCK_AMZL", ["featureFulfillmentPolicy"] = "Required" }),
        ["items"] = new JsonArray(Enumerable.Range(1, lines).Select(i => (JsonNode)new JsonObject
        {
            ["sellerSku"] = $"SKU-{i}",
            ["sellerFulfillmentOrderItemId"] = $"SKU-{i}",
            ["quantity"] = quantityEach,
        }).ToArray()),
    };

    /// <summary>The request or response of an example in Amazon's 2022 static sandbox model.</summary>
    public static JsonNode SandboxExample(string path, string verb, string status, int index, string part) =>
        Sandbox2022.Value["paths"]![path]![verb]!["responses"]![status]!["x-amzn-api-sandbox"]!["static"]![index]![part]!;
}
