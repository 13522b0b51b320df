using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>The fulfillment-tracker's events move a submitted order forward and put its packages, with carrier and tracking, into its timeline.</summary>
public sealed class FulfillmentProgressTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Shipped_then_completed_is_recorded_once_and_a_late_shipped_changes_nothing()
    {
        var id = mesh.CopyOfFixture(Us);
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);
        var shipped = new FulfillmentShipped { Progress = Progress(id, "Processing") };

        await PublishAsync(PubSub.FulfillmentShipped, shipped);
        await PublishAsync(PubSub.FulfillmentShipped, shipped);
        await Eventually.UntilAsync(() => mesh.StateAsync(id), s => s?.Status == OrderStatus.Shipped, "Shipped");
        await PublishAsync(PubSub.FulfillmentCompleted, new FulfillmentCompleted { Progress = Progress(id, "Complete") });
        await Eventually.UntilAsync(() => mesh.StateAsync(id), s => s?.Status == OrderStatus.Completed, "Completed");
        await PublishAsync(PubSub.FulfillmentShipped, shipped);
        await Eventually.UntilAsync(() => Task.FromResult(mesh.Deliveries.AnswersFor(id).Count), n => n >= 5, "every delivery answered");

        Assert.Equal(OrderStatus.Completed, (await mesh.StateAsync(id))!.Status);
        var timeline = await mesh.Services.GetRequiredService<OrderIndexQueries>().TimelineAsync(id, CancellationToken.None);
        var shipment = Assert.Single(timeline, s => s.Kind == "shipment");
        Assert.Equal(("UPS", "1Z999AA10123456784", "https://tracking.example/1Z999AA10123456784"), (shipment.Carrier, shipment.Reference, shipment.TrackingUrl));
        Assert.Equal(["received", "read", "submitted", "shipment", "shipped", "completed"], timeline.Select(s => s.Kind));

        var page = await mesh.Http.GetStringAsync($"/console/orders/{id}");
        Assert.Contains("href=\"https://tracking.example/1Z999AA10123456784\"", page, StringComparison.Ordinal);
        Assert.Contains("Carrier: UPS.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_for_an_order_this_enricher_never_saw_is_acknowledged_and_ignored()
    {
        var id = OrderIds.New();

        await PublishAsync(PubSub.FulfillmentShipped, new FulfillmentShipped { Progress = Progress(id, "Processing") });
        await Eventually.UntilAsync(() => Task.FromResult(mesh.Deliveries.AnswersFor(id)), a => a.Count >= 1, "the delivery answered");

        Assert.Equal(["SUCCESS"], mesh.Deliveries.AnswersFor(id));
        Assert.Null(await mesh.StateAsync(id));
    }

    private Task PublishAsync(string topic, IMessage message) =>
        mesh.Dapr.PublishByteEventAsync("fbamesh-pubsub", topic, System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message)), "application/json");

    private static FulfillmentProgress Progress(string id, string amazonStatus)
    {
        var at = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return new FulfillmentProgress
        {
            OrderId = id,
            SellerFulfillmentOrderId = id,
            AmazonStatus = amazonStatus,
            StatusUpdatedAt = at,
            ObservedAt = at,
            Shipments =
            {
                new ShipmentTracking
                {
                    AmazonShipmentId = "DnMDLWJWN", ShipmentStatus = "SHIPPED", PackageNumber = 1, Carrier = "UPS",
                    TrackingNumber = "1Z999AA10123456784", TrackingLink = "https://tracking.example/1Z999AA10123456784", ShippedAt = at,
                },
            },
        };
    }
}
