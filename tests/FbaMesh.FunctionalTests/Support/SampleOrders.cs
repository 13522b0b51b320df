using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>The Crystallize emulator's sample orders and their expected outcomes (fixtures/expected.json).</summary>
public static class SampleOrders
{
    public static string FixturesPath { get; } = RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures");

    /// <summary>Order id → {outcome, reasonCode?, request?}.</summary>
    public static JsonObject Expected { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixturesPath, "expected.json")))!.AsObject();

    public static IEnumerable<string> Ids => Expected.Select(e => e.Key);

    public static JsonObject Order(string fixtureId) =>
        Directory.EnumerateFiles(FixturesPath, "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonObject)
            .First(o => o?["id"]?.GetValue<string>() == fixtureId)!;

    /// <summary>A copy of a sample order under a fresh id, so a scenario never collides with another.</summary>
    public static (string Id, JsonObject Order) Copy(string fixtureId)
    {
        var id = OrderIds.New();
        var order = Order(fixtureId);
        order["id"] = id;
        return (id, order);
    }

    /// <summary>The expected Amazon request of a sample order, rewritten for a copy's id.</summary>
    public static JsonObject ExpectedRequest(string fixtureId, string orderId)
    {
        var request = Expected[fixtureId]!["request"]!.DeepClone().AsObject();
        request["sellerFulfillmentOrderId"] = orderId;
        request["displayableOrderId"] = orderId;
        return request;
    }
}
