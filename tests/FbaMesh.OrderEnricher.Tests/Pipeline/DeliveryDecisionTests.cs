using Dapr.Client;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>Deliveries the pipeline must refuse or wait on: unusable events and orders another delivery holds.</summary>
public sealed class DeliveryDecisionTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Theory]
    [InlineData("{\"orderId\":\"NOT-AN-ID-but-marker-0001\"}", "NOT-AN-ID-but-marker-0001")]
    [InlineData("{\"orderId\":42,\"marker\":\"marker-0002\"}", "marker-0002")]
    [InlineData("{\"unknownField\":\"marker-0003\"}", "marker-0003")]
    public async Task An_unusable_event_is_dropped_to_the_dead_letter_topic(string data, string marker)
    {
        await mesh.PublishRawAsync(data);

        await Eventually.UntilAsync(() => mesh.Deliveries.AnswersFor(marker).Count == 1, "the delivery");
        Assert.Equal(["DROP"], mesh.Deliveries.AnswersFor(marker));
        await Eventually.UntilAsync(
            () => mesh.Sidecars.PublishedTo("fbamesh-pubsub", "orders.received.deadletter").Any(r => r.Json.Contains(marker, StringComparison.Ordinal)),
            "the dead-lettered event");
    }

    [Fact]
    public async Task An_order_another_delivery_holds_is_retried_until_that_delivery_finishes()
    {
        var id = mesh.CopyOfFixture(Norway);
        var now = DateTimeOffset.UtcNow;
        var held = new OrderState
        {
            OrderId = id, Status = OrderStatus.Received, Attempts = 1, ClaimedBy = "another-delivery",
            SellerFulfillmentOrderId = id, ReceivedAt = now, UpdatedAt = now,
        };
        await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), held);

        // The other delivery finishes while the second RETRY is on its way back: the next redelivery sees it and does nothing.
        mesh.Deliveries.BeforeAnswerLeaves(id, async answers =>
        {
            if (answers is ["RETRY", "RETRY"])
            {
                await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), held with { Status = OrderStatus.Submitted, ClaimedBy = null });
            }
        });

        await mesh.PublishOrderReceivedAsync(id);
        await Eventually.UntilAsync(() => mesh.Deliveries.AnswersFor(id).Contains("SUCCESS"), "the redelivery to succeed");

        Assert.Equal(["RETRY", "RETRY", "SUCCESS"], mesh.Deliveries.AnswersFor(id));
        Assert.Equal(0, mesh.Submitter.Count(id));
        Assert.Equal(OrderStatus.Submitted, (await mesh.StateAsync(id))!.Status);
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_delivery_is_taken_over_after_the_lease()
    {
        var id = mesh.CopyOfFixture(Norway);
        var stale = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5);
        await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), new OrderState
        {
            OrderId = id, Status = OrderStatus.Received, Attempts = 1, ClaimedBy = "crashed-delivery",
            SellerFulfillmentOrderId = id, ReceivedAt = stale, UpdatedAt = stale,
        });

        await mesh.PublishOrderReceivedAsync(id);
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(2, state.Attempts);
        Assert.Equal(stale, state.ReceivedAt);
        Assert.Equal(["SUCCESS"], await mesh.AnswersAsync(id, 1));
    }

    [Fact]
    public async Task When_another_delivery_finished_first_the_etag_conflict_ends_in_success_without_overwriting()
    {
        var id = mesh.CopyOfFixture(Norway);
        OrderState? theirs = null;
        mesh.Submitter.Scripts[id] = async (request, call) =>
        {
            // Another delivery records the order while this one is at the submitter.
            var (current, _) = await mesh.Dapr.GetStateAndETagAsync<OrderState>("fbamesh-state", OrderStateStore.Key(id));
            theirs = current! with { Status = OrderStatus.Submitted, SubmitOutcome = "CREATED", ClaimedBy = "the-other-delivery" };
            await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), theirs);
            return await Mesh.FakeSubmitter.DefaultAnswer(request, 2);
        };

        await mesh.PublishOrderReceivedAsync(id);

        Assert.Equal(["SUCCESS"], await mesh.AnswersAsync(id, 1));
        Assert.Equal(theirs, await mesh.StateAsync(id));
    }

    [Fact]
    public async Task When_another_delivery_took_the_order_over_the_etag_conflict_asks_for_a_redelivery()
    {
        var id = mesh.CopyOfFixture(Norway);
        OrderState? taken = null;
        mesh.Submitter.Scripts[id] = async (request, call) =>
        {
            var (current, _) = await mesh.Dapr.GetStateAndETagAsync<OrderState>("fbamesh-state", OrderStateStore.Key(id));
            taken = current! with { ClaimedBy = "the-other-delivery", UpdatedAt = DateTimeOffset.UtcNow };
            await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), taken);
            return await Mesh.FakeSubmitter.DefaultAnswer(request, call);
        };

        // The other delivery finishes while the RETRY is on its way back, so the redelivery finds the order submitted.
        mesh.Deliveries.BeforeAnswerLeaves(id, async answers =>
        {
            if (answers is ["RETRY"])
            {
                await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), taken! with { Status = OrderStatus.Submitted, ClaimedBy = null });
            }
        });

        await mesh.PublishOrderReceivedAsync(id);
        await Eventually.UntilAsync(() => mesh.Deliveries.AnswersFor(id).Contains("SUCCESS"), "the redelivery to find the order submitted");

        Assert.Equal(["RETRY", "SUCCESS"], mesh.Deliveries.AnswersFor(id));
        Assert.Equal(1, mesh.Submitter.Count(id));
    }
}
