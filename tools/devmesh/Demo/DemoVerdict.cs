using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh.Demo;

/// <summary>One sample order's result against its expectation, with the reason it does not match.</summary>
internal sealed record DemoVerdict(ExpectedOutcome Expected, OrderProgress? Actual, string? Mismatch)
{
    public bool Matches => Mismatch is null;

    public static DemoVerdict Judge(ExpectedOutcome expected, OrderProgress? actual, IReadOnlyList<CreatedFulfillmentOrder> atAmazon)
    {
        if (actual is null)
        {
            return new(expected, actual, "never settled");
        }

        if (actual.Status != expected.StatusOf())
        {
            return new(expected, actual, $"expected {expected.StatusOf()}, got {actual.Status}");
        }

        if (expected.ReasonCode is { } code && actual.ReasonCode != code)
        {
            return new(expected, actual, $"expected reason {code}, got {actual.ReasonCode ?? "none"}");
        }

        var created = atAmazon.Where(o => o.SellerFulfillmentOrderId == actual.SellerFulfillmentOrderId).ToList();
        return expected.Outcome switch
        {
            ExpectedOutcome.Submit when created.Count != 1 =>
                new(expected, actual, $"{created.Count} fulfillment orders at Amazon for {actual.SellerFulfillmentOrderId}, expected exactly 1"),
            ExpectedOutcome.Submit when !ExpectedOutcome.RequestMatches(expected.Request, JsonNode.Parse(created[0].RequestJson)) =>
                new(expected, actual, "the request Amazon received differs from fixtures/expected.json"),
            ExpectedOutcome.Skip or ExpectedOutcome.Fail when atAmazon.Any(o => o.SellerFulfillmentOrderId.EndsWith(expected.OrderId, StringComparison.Ordinal)) =>
                new(expected, actual, $"{actual.Status} but Amazon holds a fulfillment order for it"),
            _ => new(expected, actual, null),
        };
    }

    /// <summary>Without the SP-API emulator (real sandbox) Amazon's side cannot be inspected: status alone decides.</summary>
    public static DemoVerdict JudgeStatusOnly(ExpectedOutcome expected, OrderProgress? actual) =>
        actual is null ? new(expected, actual, "never settled")
        : actual.Status != expected.StatusOf() ? new(expected, actual, $"expected {expected.StatusOf()}, got {actual.Status}")
        : expected.ReasonCode is { } code && actual.ReasonCode != code ? new(expected, actual, $"expected reason {code}, got {actual.ReasonCode ?? "none"}")
        : new(expected, actual, null);
}
