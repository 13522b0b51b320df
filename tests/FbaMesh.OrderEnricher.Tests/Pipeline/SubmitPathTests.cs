using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>orders.received → Crystallize → mapping → submitter, through emulated sidecars; duplicates do nothing.</summary>
public sealed class SubmitPathTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task An_order_is_fetched_mapped_submitted_and_recorded()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal("CREATED", state.SubmitOutcome);
        Assert.Equal(id, state.SellerFulfillmentOrderId);
        Assert.Equal(1, state.Attempts);
        Assert.Null(state.ReasonCode);
        Assert.NotNull(state.CompletedAt);
        var request = Assert.Single(mesh.Submitter.Requests, r => r.SellerFulfillmentOrderId == id);
        Assert.Equal("Storgata 12", request.DestinationAddress.AddressLine1);
        Assert.Equal("A1PA6795UKMFR9", request.MarketplaceId);
        Assert.Equal([("FBA-MUG-001", 2), ("FBA-COASTER-4", 1)], request.Items.Select(i => (i.SellerSku, i.Quantity)));

        await mesh.WaitForPublishedAsync("fulfillment.submitted", id);
        var submitted = mesh.Published("fulfillment.submitted").Single(e => e.GetProperty("orderId").GetString() == id);
        Assert.Equal("CREATED", submitted.GetProperty("outcome").GetString());
        Assert.Equal(id, submitted.GetProperty("sellerFulfillmentOrderId").GetString());
        Assert.Equal(0, mesh.PublishedFor("orders.received.deadletter", id));
    }

    [Fact]
    public async Task The_crystallize_query_is_the_named_query_with_the_secret_store_s_token()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);

        // The emulator answers 401 without the token of components/secrets.dev.json, so a 200 proves it was sent.
        var read = Assert.Single(mesh.Crystallize.Requests.Snapshot(), r => r.OrderIds.Contains(id));
        Assert.Equal(200, read.Status);
        Assert.Equal("GET_CREATED_ORDER_DETAILS", read.OperationName);
    }

    [Fact]
    public async Task A_redelivered_event_for_a_submitted_order_does_nothing()
    {
        var id = mesh.CopyOfFixture(Norway);
        await mesh.PublishOrderReceivedAsync(id);
        var first = await mesh.FinalStateAsync(id);

        await mesh.PublishOrderReceivedAsync(id);
        await mesh.PublishOrderReceivedAsync(id);
        await Eventually.UntilAsync(() => mesh.Deliveries.AnswersFor(id).Count >= 3, "the duplicates to be delivered");

        Assert.Equal(1, mesh.Submitter.Count(id));
        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], await mesh.AnswersAsync(id, 3));
        Assert.Equal(first, await mesh.StateAsync(id));
        Assert.Equal(1, mesh.PublishedFor("fulfillment.submitted", id));
    }

    [Fact]
    public async Task Five_duplicate_events_at_once_give_one_submitted_order()
    {
        var id = mesh.CopyOfFixture(Norway);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => mesh.PublishOrderReceivedAsync(id)));
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        await Eventually.UntilAsync(
            () => mesh.Deliveries.AnswersFor(id).Count(a => a == "SUCCESS") >= 5, "every duplicate to be answered SUCCESS in the end");
        // The claim keeps duplicates off while the first delivery works; the submitter is idempotent anyway.
        Assert.Equal(1, mesh.Submitter.Count(id));
        Assert.Equal(0, mesh.PublishedFor("orders.received.deadletter", id));
    }

    [Fact]
    public async Task A_no_fba_order_is_skipped_without_calling_the_submitter()
    {
        var id = mesh.CopyOfFixture("6724c1da5e1d4b0012a3f108");

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Skipped, state.Status);
        Assert.Equal("no-fba-items", state.ReasonCode);
        Assert.Equal(0, mesh.Submitter.Count(id));
        Assert.Equal(0, mesh.PublishedFor("orders.received.deadletter", id));
        Assert.Equal(0, mesh.PublishedFor("fulfillment.failed", id));
    }
}
