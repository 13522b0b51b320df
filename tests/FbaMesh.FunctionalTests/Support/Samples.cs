using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.Testing;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>The Crystallize emulator's sample orders and their expected outcomes, read by the emulator's own reader.</summary>
public static class Samples
{
    public static string FixturesPath { get; } = RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures");

    private static readonly Dictionary<string, SampleOrder> All =
        SampleOrders.Load(FixturesPath).ToDictionary(o => o.Id, StringComparer.Ordinal);

    public static IEnumerable<string> Ids => All.Keys.Order(StringComparer.Ordinal);

    public static ExpectedOutcome Expected(string fixtureId) => All[fixtureId].Expected;

    /// <summary>A copy of a sample order under a fresh id, so a scenario never collides with another.</summary>
    public static (string Id, JsonObject Order) Copy(string fixtureId)
    {
        var id = OrderIds.New();
        return (id, All[fixtureId].CopyAs(id));
    }

    /// <summary>The expected Amazon request of a sample order, rewritten for a copy's id.</summary>
    public static JsonObject ExpectedRequest(string fixtureId, string orderId)
    {
        var request = All[fixtureId].Expected.Request!.DeepClone().AsObject();
        request["sellerFulfillmentOrderId"] = orderId;
        request["displayableOrderId"] = orderId;
        return request;
    }
}
