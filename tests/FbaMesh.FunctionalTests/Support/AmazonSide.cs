using System.Text.Json.Nodes;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>What the SP-API emulator holds for one order: the proof of "exactly once".</summary>
public static class AmazonSide
{
    public static IReadOnlyList<CreatedFulfillmentOrder> OrdersFor(this SpApiEmulatorApp amazon, string sellerFulfillmentOrderId) =>
        [.. amazon.FulfillmentOrders.Where(o => o.SellerFulfillmentOrderId == sellerFulfillmentOrderId)];

    public static JsonObject SingleRequestFor(this SpApiEmulatorApp amazon, string sellerFulfillmentOrderId)
    {
        var orders = amazon.OrdersFor(sellerFulfillmentOrderId);
        Xunit.Assert.True(orders.Count == 1, $"Amazon holds {orders.Count} orders for {sellerFulfillmentOrderId}, expected exactly one.");
        return JsonNode.Parse(orders[0].RequestJson)!.AsObject();
    }

    public static long CreateRequests(this SpApiEmulatorApp amazon) => amazon.Stats.For("createFulfillmentOrder").Requests;
}
