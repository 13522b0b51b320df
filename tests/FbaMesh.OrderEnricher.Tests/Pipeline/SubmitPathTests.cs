using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>orders.received → Crystallize → mapping → submitter, through emulated sidecars.</summary>
public sealed class SubmitPathTests : IAsyncLifetime
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private EnricherMesh _mesh = null!;

    public async Task InitializeAsync() => _mesh = await EnricherMesh.StartAsync();

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    [Fact]
    public async Task An_order_is_fetched_mapped_submitted_and_recorded()
    {
        await _mesh.PublishOrderReceivedAsync(Norway);

        var state = await _mesh.FinalStateAsync(Norway);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal("CREATED", state.SubmitOutcome);
        Assert.Equal(Norway, state.SellerFulfillmentOrderId);
        Assert.Equal(1, state.Attempts);
        Assert.NotNull(state.CompletedAt);
        var request = Assert.Single(_mesh.Submitter.Requests);
        Assert.Equal("Storgata 12", request.DestinationAddress.AddressLine1);
        Assert.Equal("A1PA6795UKMFR9", request.MarketplaceId);
        Assert.Equal([("FBA-MUG-001", 2), ("FBA-COASTER-4", 1)], request.Items.Select(i => (i.SellerSku, i.Quantity)));

        var submitted = await Eventually.UntilAsync(
            () => Task.FromResult(_mesh.Published("fulfillment.submitted")), e => e.Count == 1, "fulfillment.submitted");
        Assert.Equal(Norway, submitted[0].GetProperty("orderId").GetString());
        Assert.Equal("CREATED", submitted[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_crystallize_query_carries_the_access_token_from_the_secret_store()
    {
        await _mesh.PublishOrderReceivedAsync(Norway);
        await _mesh.FinalStateAsync(Norway);

        var read = Assert.Single(_mesh.Crystallize.Requests.Snapshot(), r => r.OrderIds.Contains(Norway));
        Assert.Equal(200, read.Status);
        Assert.Equal("GET_CREATED_ORDER_DETAILS", read.OperationName);
    }
}
