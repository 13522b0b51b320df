using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>A sample order (as <c>order.get</c> returns it) and what it must come to.</summary>
public sealed record SampleOrder(string Id, JsonObject Order, ExpectedOutcome Expected)
{
    /// <summary>A copy of the order under another id, so a run or a scenario never collides with another.</summary>
    public JsonObject CopyAs(string id)
    {
        var order = Order.DeepClone().AsObject();
        order["id"] = id;
        return order;
    }
}

/// <summary>
/// The emulator's sample orders (fixtures/*.json) with their expected outcomes (fixtures/expected.json):
/// the one reader that devmesh's demo, the bench and the tests share.
/// </summary>
public static class SampleOrders
{
    public static IReadOnlyList<SampleOrder> Load(string fixturesPath)
    {
        var orders = Directory.GetFiles(fixturesPath, "*.json")
            .Where(f => !OrderFixtures.NotOrders.Contains(Path.GetFileName(f)))
            .Select(OrderFixtures.Read)
            .ToDictionary(o => o.Id, o => o.Order, StringComparer.Ordinal);
        return [.. ExpectedOutcome.Load(fixturesPath).Select(e => new SampleOrder(
            e.OrderId,
            orders.TryGetValue(e.OrderId, out var order) ? order
                : throw new InvalidDataException($"expected.json names order {e.OrderId}, which no fixture in {fixturesPath} holds."),
            e))];
    }
}
