using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

internal static class MappingAssert
{
    public static SubmitFulfillmentOrderRequest Mapped(CrystallizeOrder order, FulfillmentMappingOptions? options = null)
    {
        var outcome = FulfillmentOrderMapper.Map(order, SellerIdFor(order, options), options ?? new FulfillmentMappingOptions());
        var mapped = Assert.IsType<MappingOutcome.Mapped>(outcome);
        return mapped.Request;
    }

    public static MappingOutcome.Rejected Rejected(CrystallizeOrder order, string reasonCode, FulfillmentMappingOptions? options = null)
    {
        var outcome = FulfillmentOrderMapper.Map(order, SellerIdFor(order, options), options ?? new FulfillmentMappingOptions());
        var rejected = Assert.IsType<MappingOutcome.Rejected>(outcome);
        Assert.Equal(reasonCode, rejected.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        return rejected;
    }

    // The pipeline derives the id at the claim and passes it in; the tests derive it the same way.
    private static string SellerIdFor(CrystallizeOrder order, FulfillmentMappingOptions? options) =>
        (options ?? new FulfillmentMappingOptions()).SellerFulfillmentOrderIdFor(order.Id ?? "");
}
