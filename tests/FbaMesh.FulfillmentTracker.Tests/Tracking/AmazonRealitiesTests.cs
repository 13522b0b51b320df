using System.Text.Json;
using FbaMesh.Contracts;
using FbaMesh.FulfillmentTracker.Amazon;
using FbaMesh.FulfillmentTracker.Tracking;
using static FbaMesh.FulfillmentTracker.Tests.Mesh.AmazonOrders;

namespace FbaMesh.FulfillmentTracker.Tests.Tracking;

/// <summary>Amazon's realities taken into a tracked order: what Crystallize gets and which events are decided.</summary>
public sealed class AmazonRealitiesTests
{
    private const string Sfo = "6724c1a95e1d4b0012a3f101";
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    private static TrackedOrder Fresh() => new() { OrderId = Sfo, SellerFulfillmentOrderId = Sfo, TrackedSince = T0 };

    private static TrackedOrder Read(TrackedOrder order, AmazonOrder read) =>
        AmazonProgress.Apply(order, read, AmazonProgress.Packages(order, read), Now);

    private static JsonElement[] Shipments(TrackedOrder order) =>
        JsonDocument.Parse(ShipmentsMeta.Shipments(order) ?? "[]").RootElement.EnumerateArray().ToArray();

    private static string[] Topics(TrackedOrder order) => [.. order.PendingEvents.Select(e => e.Topic)];

    [Fact]
    public void Several_shipments_each_with_packages_all_reach_the_meta_one_entry_per_package()
    {
        var order = Read(Fresh(), Order(Sfo, "Complete", 10,
            Shipped("S1", Package(1, "UPS", "1Z1"), Package(2, "UPS", "1Z2")),
            Shipped("S2", Package(3, "USPS", "9400"))));

        var shipments = Shipments(order);
        Assert.Equal(["1Z1", "1Z2", "9400"], shipments.Select(s => s.GetProperty("trackingNumber").GetString()));
        Assert.Equal(["UPS", "UPS", "USPS"], shipments.Select(s => s.GetProperty("carrier").GetString()));
        Assert.All(shipments, s => Assert.Equal("2026-11-05T09:00:00Z", s.GetProperty("estimatedArrival").GetString()));
        Assert.Equal([PubSub.FulfillmentShipped, PubSub.FulfillmentShipped, PubSub.FulfillmentCompleted], Topics(order));
        Assert.Equal("Complete", ShipmentsMeta.Desired(order)[ShipmentsMeta.StatusKey]);
    }

    [Fact]
    public void A_partial_shipment_is_announced_once_and_the_rest_when_it_ships()
    {
        var first = Read(Fresh(), Order(Sfo, "Processing", 10, Shipped("S1", Package(1, "UPS", "1Z1")), Pending("S2", Package(2, "UPS"))));
        Assert.Equal([PubSub.FulfillmentShipped], Topics(first));
        Assert.Equal(2, Shipments(first).Length);
        Assert.False(Shipments(first)[1].TryGetProperty("trackingNumber", out _));

        var published = first with { PublishedEvents = [.. first.PendingEvents.Select(e => e.Id)], PendingEvents = [] };
        var second = Read(published, Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1")), Shipped("S2", Package(2, "UPS", "1Z2"))));

        Assert.Equal([PubSub.FulfillmentShipped, PubSub.FulfillmentCompleted], Topics(second));
        Assert.Equal($"{Sfo}/shipped/S2", second.PendingEvents[0].Id);
    }

    [Fact]
    public void A_reshipment_after_CANCELLED_BY_FULFILLER_replaces_the_cancelled_packages_and_is_a_new_shipped_event()
    {
        var order = Read(Fresh(), Order(Sfo, "Complete", 30,
            CancelledByFulfiller("S1", Package(1, "UPS", "1Z-CANCELLED")),
            Shipped("S2", Package(2, "DHL", "JD01"))));

        Assert.Equal(["JD01"], Shipments(order).Select(s => s.GetProperty("trackingNumber").GetString()));
        Assert.Equal([$"{Sfo}/shipped/S2", $"{Sfo}/completed"], order.PendingEvents.Select(e => e.Id));
        // The event still tells the whole story, the cancelled shipment included.
        Assert.Contains("CANCELLED_BY_FULFILLER", order.PendingEvents[0].Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tracking_number_that_comes_later_changes_the_meta_but_announces_nothing_twice()
    {
        var first = Read(Fresh(), Order(Sfo, "Processing", 10, Shipped("S1", Package(1, "UPS"))));
        var before = ShipmentsMeta.Shipments(first);
        Assert.False(Shipments(first)[0].TryGetProperty("trackingNumber", out _));
        Assert.Equal("UPS", Shipments(first)[0].GetProperty("carrier").GetString());

        var published = first with { PublishedEvents = [.. first.PendingEvents.Select(e => e.Id)], PendingEvents = [] };
        var second = Read(published, Order(Sfo, "Processing", 10, Shipped("S1", Package(1, "UPS", "1Z-LATE"))));

        Assert.NotEqual(before, ShipmentsMeta.Shipments(second));
        Assert.Equal("1Z-LATE", Shipments(second)[0].GetProperty("trackingNumber").GetString());
        Assert.Empty(second.PendingEvents);
    }

    [Theory]
    [InlineData("CompletePartialled", PubSub.FulfillmentCompleted)]
    [InlineData("Complete", PubSub.FulfillmentCompleted)]
    [InlineData("Unfulfillable", PubSub.FulfillmentUnfulfillable)]
    [InlineData("Invalid", PubSub.FulfillmentUnfulfillable)]
    [InlineData("Cancelled", PubSub.FulfillmentCancelled)]
    public void A_final_status_decides_its_event_and_is_final(string status, string topic)
    {
        var order = Read(Fresh(), Order(Sfo, status, 10));

        Assert.Equal([topic], Topics(order));
        Assert.True(AmazonStatuses.IsFinal(order.AmazonStatus));
        Assert.Equal(status, ShipmentsMeta.Desired(order)[ShipmentsMeta.StatusKey]);
        Assert.False(ShipmentsMeta.Desired(order).ContainsKey(ShipmentsMeta.ShipmentsKey));
    }

    [Fact]
    public void A_hold_order_Amazon_cancels_after_fourteen_days_is_a_cancellation()
    {
        var held = Read(Fresh(), Order(Sfo, "Received", 0));
        Assert.Empty(held.PendingEvents);
        Assert.False(AmazonStatuses.IsFinal(held.AmazonStatus));

        var cancelled = Read(held, Order(Sfo, "Cancelled", (int)TimeSpan.FromDays(14).TotalMinutes));

        Assert.Equal([PubSub.FulfillmentCancelled], Topics(cancelled));
        Assert.True(AmazonStatuses.IsFinal(cancelled.AmazonStatus));
    }

    [Fact]
    public void An_older_read_is_stale_and_the_same_change_read_again_decides_nothing_new()
    {
        var complete = Read(Fresh(), Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1"))));

        Assert.True(AmazonProgress.IsStale(complete, Order(Sfo, "Processing", 10)));
        Assert.False(AmazonProgress.IsStale(complete, Order(Sfo, "Complete", 20)));

        var again = Read(complete, Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1"))));
        Assert.Equal(complete.PendingEvents.Select(e => e.Id), again.PendingEvents.Select(e => e.Id));
        var published = complete with { PublishedEvents = [.. complete.PendingEvents.Select(e => e.Id)], PendingEvents = [] };
        Assert.Empty(Read(published, Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1")))).PendingEvents);
    }

    [Fact]
    public void A_tracking_link_learned_once_is_kept_for_the_same_tracking_number_only()
    {
        var order = Read(Fresh(), Order(Sfo, "Processing", 10, Shipped("S1", Package(1, "UPS", "1Z1"))));
        order = order with { Packages = [order.Packages[0] with { TrackingLink = "https://track.example/1Z1" }] };

        Assert.Equal("https://track.example/1Z1", AmazonProgress.Packages(order, Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1"))))[0].TrackingLink);
        Assert.Null(AmazonProgress.Packages(order, Order(Sfo, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z9"))))[0].TrackingLink);
    }

    [Fact]
    public void Events_carry_ids_statuses_and_tracking_and_nothing_else()
    {
        var order = Read(Fresh(), Order(Sfo, "Complete", 10, Shipped("S1", Package(1, "UPS", "1Z1"))));
        var json = JsonDocument.Parse(order.PendingEvents[0].Json).RootElement.GetProperty("progress");

        Assert.Equal(
            ["orderId", "sellerFulfillmentOrderId", "amazonStatus", "statusUpdatedAt", "shipments", "observedAt"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["amazonShipmentId", "shipmentStatus", "packageNumber", "carrier", "trackingNumber", "estimatedArrival", "shippedAt"],
            json.GetProperty("shipments")[0].EnumerateObject().Select(p => p.Name));
    }
}
