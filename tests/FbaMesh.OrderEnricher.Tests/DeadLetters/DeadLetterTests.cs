using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.DeadLetters;

/// <summary>orders.received.deadletter is consumed: each event becomes a visible order state.</summary>
public sealed class DeadLetterTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_dead_lettered_order_the_mesh_never_finished_becomes_a_visible_Failed_order()
    {
        var id = OrderIds.New();
        using var counter = new DeadLetterCounter(this.mesh.Services.GetRequiredService<IMeterFactory>());

        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("dead-lettered", state.ReasonCode);
        Assert.Equal(0, this.mesh.Submitter.Count(id));
        await Eventually.UntilAsync(() => counter.Outcomes.Contains("failed"), "the dead-letter metric");
    }

    [Fact]
    public async Task A_final_order_keeps_its_outcome_and_a_waiting_one_keeps_waiting()
    {
        var submitted = this.mesh.CopyOfFixture(Norway);
        await this.mesh.PublishOrderReceivedAsync(submitted);
        var before = await this.mesh.FinalStateAsync(submitted);
        var waiting = OrderIds.New();
        var now = DateTimeOffset.UtcNow;
        var parked = new OrderState
        {
            OrderId = waiting, Status = OrderStatus.Waiting, Attempts = 1, SellerFulfillmentOrderId = waiting, ReasonCode = "submitter-unavailable",
            ReceivedAt = now, UpdatedAt = now, WaitingSince = now, NextAttemptAt = now + TimeSpan.FromHours(1),
        };
        await this.mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(waiting), parked);
        using var counter = new DeadLetterCounter(this.mesh.Services.GetRequiredService<IMeterFactory>());

        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", submitted);
        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", waiting);
        await Eventually.UntilAsync(() => counter.Outcomes.Count >= 2, "both dead letters handled");

        Assert.Equal(before, await this.mesh.StateAsync(submitted));
        Assert.Equal(parked, await this.mesh.StateAsync(waiting));
        Assert.Equal(["already-final", "pending"], counter.Outcomes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_dead_letter_published_before_an_operator_retry_leaves_the_retried_order_to_the_retry()
    {
        // Just reset by an operator retry, whose own event is still on its way: the dead letters of the
        // events before it (one without received_at, as the gateway's was here) must not fail it again.
        var id = OrderIds.New();
        var retriedAt = DateTimeOffset.UtcNow;
        var reset = RetriedOrder(id, retriedAt);
        await this.mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), reset);
        using var counter = new DeadLetterCounter(this.mesh.Services.GetRequiredService<IMeterFactory>());

        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", id);
        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", id, retriedAt - TimeSpan.FromMilliseconds(1));
        await Eventually.UntilAsync(() => counter.Outcomes.Count >= 2, "both dead letters handled");

        Assert.Equal(reset, await this.mesh.StateAsync(id));
        Assert.Equal(["superseded", "superseded"], counter.Outcomes);
    }

    [Fact]
    public async Task The_dead_letter_of_the_retry_s_own_event_fails_an_order_still_unclaimed()
    {
        var id = OrderIds.New();
        var retriedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5);
        await this.mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), RetriedOrder(id, retriedAt));

        await this.mesh.PublishOrderReceivedToAsync("orders.received.deadletter", id, retriedAt);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal((OrderStatus.Failed, "dead-lettered"), (state.Status, state.ReasonCode));
        Assert.Equal([retriedAt], state.OperatorRetriedAt);
        Assert.Equal(0, this.mesh.Submitter.Count(id));
    }

    private static OrderState RetriedOrder(string id, DateTimeOffset retriedAt) => new()
    {
        OrderId = id, Status = OrderStatus.Received, Attempts = 0, SellerFulfillmentOrderId = id,
        OperatorRetries = 1, OperatorRetriedAt = [retriedAt],
        ReceivedAt = retriedAt - TimeSpan.FromMinutes(10), UpdatedAt = retriedAt,
    };
}

/// <summary>The outcome tag of every fbamesh.enricher.deadletters measurement of one enricher.</summary>
internal sealed class DeadLetterCounter : IDisposable
{
    private readonly MeterListener listener;

    public DeadLetterCounter(IMeterFactory factory)
    {
        this.listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "fbamesh.enricher.deadletters")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        this.listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    Outcomes.Add((string)tag.Value!);
                }
            }
        });
        this.listener.Start();
    }

    public ConcurrentBag<string> Outcomes { get; } = [];

    public void Dispose() => this.listener.Dispose();
}
