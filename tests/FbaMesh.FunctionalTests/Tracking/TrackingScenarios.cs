using FbaMesh.FunctionalTests.Support;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.FunctionalTests.Tracking;

/// <summary>
/// Amazon's progress written back to Crystallize on the whole devmesh: SP-API emulator → notification →
/// tracker sidecar's queue binding → fulfillment-tracker → fba-submitter (getFulfillmentOrder) →
/// Crystallize Core API updateOrder, and the fulfillment.* events.
/// </summary>
public sealed class TrackingScenarios(TrackingMeshFixture fixture) : IClassFixture<TrackingMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";

    [Fact]
    public async Task Amazon_ships_and_the_Crystallize_order_shows_carrier_and_tracking_number_through_notifications()
    {
        var (id, order) = Samples.Copy(Norway);
        await fixture.SubmitAsync(id, order);

        fixture.Step(id, 3);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Complete" && shipments.Count == fixture.PackagesAtAmazon(id), "Complete with every package");
        fixture.AssertShipmentsMatchAmazon(id);
        fixture.AssertWrittenOnce(id);
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.completed", id) == 1, $"fulfillment.completed for {id}", TrackingMeshFixture.Deadline);
        Assert.Equal(1, fixture.Events("fulfillment.shipped", id));
    }

    [Fact]
    public async Task A_partial_shipment_is_written_first_and_the_rest_when_it_ships()
    {
        var (id, order) = Samples.Copy(Norway);
        fixture.Mesh.SpApi!.PlanShipments(id, new ShipmentPlan { ShipmentPerItem = true });
        await fixture.SubmitAsync(id, order);

        fixture.Step(id, 3);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Processing" && shipments.Count == 1, "the first of two shipments");
        Assert.False(string.IsNullOrEmpty(fixture.Shipments(id)[0]!["trackingNumber"]?.GetValue<string>()));
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.shipped", id) == 1, $"one fulfillment.shipped for {id}", TrackingMeshFixture.Deadline);

        fixture.Step(id);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Complete" && shipments.Count == 2, "Complete with both shipments");
        fixture.AssertShipmentsMatchAmazon(id);
        fixture.AssertWrittenOnce(id);
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.shipped", id) == 2, $"a second fulfillment.shipped for {id}", TrackingMeshFixture.Deadline);
        Assert.Single(fixture.TrackerWrites(id), w => w.Status == "Processing" && w.Shipments is { } written && CountOf(written) == 1);
    }

    [Fact]
    public async Task An_unfulfillable_order_ends_Unfulfillable_in_meta_with_its_event()
    {
        var (id, order) = Samples.Copy(Norway);
        fixture.Mesh.SpApi!.PlanShipments(id, new ShipmentPlan { UnfulfillableItems = ["FBA-MUG-001", "FBA-COASTER-4"] });
        await fixture.SubmitAsync(id, order);

        fixture.Step(id, 2);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Unfulfillable", "Unfulfillable");
        Assert.Empty(fixture.Shipments(id));
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.unfulfillable", id) == 1, $"fulfillment.unfulfillable for {id}", TrackingMeshFixture.Deadline);
        Assert.Equal(0, fixture.Events("fulfillment.shipped", id));
        Assert.Single(fixture.TrackerWrites(id), w => w.Status == "Unfulfillable");
    }

    [Fact]
    public async Task An_order_Amazon_can_only_partly_fulfil_ends_CompletePartialled_with_what_shipped()
    {
        var (id, order) = Samples.Copy(Norway);
        fixture.Mesh.SpApi!.PlanShipments(id, new ShipmentPlan { UnfulfillableItems = ["FBA-COASTER-4"] });
        await fixture.SubmitAsync(id, order);

        fixture.Step(id, 3);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "CompletePartialled" && shipments.Count == 1, "CompletePartialled with one package");
        Assert.False(string.IsNullOrEmpty(fixture.Shipments(id)[0]!["trackingNumber"]?.GetValue<string>()));
        fixture.AssertWrittenOnce(id);
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.completed", id) == 1, $"fulfillment.completed for {id}", TrackingMeshFixture.Deadline);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_write_nothing_twice_and_move_nothing_backwards()
    {
        var (id, order) = Samples.Copy(Norway);
        await fixture.SubmitAsync(id, order);
        fixture.Step(id, 3);
        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Complete" && shipments.Count == fixture.PackagesAtAmazon(id), "Complete with every package");
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.completed", id) == 1, $"fulfillment.completed for {id}", TrackingMeshFixture.Deadline);
        var writes = fixture.TrackerWrites(id);
        var shipments = fixture.Meta(id, "fba-shipments");

        var latest = DateTimeOffset.UtcNow;
        var complete = TrackingMeshFixture.Notification(id, "Complete", latest);
        await fixture.FeedNotificationAsync(complete);
        await fixture.FeedNotificationAsync(complete);
        await fixture.FeedNotificationAsync(TrackingMeshFixture.Notification(id, "Processing", latest.AddHours(-1)));
        await fixture.FeedNotificationAsync(TrackingMeshFixture.Notification(id, "Planning", latest.AddHours(-2)));

        Assert.Equal(writes, fixture.TrackerWrites(id));
        Assert.Equal("Complete", fixture.Meta(id, "fba-status"));
        Assert.Equal(shipments, fixture.Meta(id, "fba-shipments"));
        Assert.Equal(1, fixture.Events("fulfillment.completed", id));
        Assert.Equal(1, fixture.Events("fulfillment.shipped", id));
        fixture.AssertWrittenOnce(id);
    }

    [Fact]
    public async Task The_tracker_killed_and_restarted_mid_way_still_writes_back_exactly_once()
    {
        var (id, order) = Samples.Copy(Norway);
        await fixture.SubmitAsync(id, order);
        await fixture.UntilMetaAsync(id, (status, _) => status is not null, "the tracker's first look");

        await fixture.Mesh.KillAsync(TrackingMeshFixture.Tracker);
        try
        {
            fixture.Step(id, 3);
        }
        finally
        {
            await fixture.Mesh.RestartAsync(TrackingMeshFixture.Tracker);
        }

        // Before any work counts, the scenario itself may wait out the notifications' 30 s visibility timeout
        // (sent while the tracker was down) and, if the kill came mid-look, the tracker's 60 s lease: the
        // ceiling leaves the usual room on top of both.
        var ceiling = TrackingMeshFixture.Deadline + TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(60);
        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Complete" && shipments.Count == fixture.PackagesAtAmazon(id), "Complete with every package after the restart", ceiling);
        fixture.AssertShipmentsMatchAmazon(id);
        fixture.AssertWrittenOnce(id);
        await Eventually.UntilAsync(() => fixture.Events("fulfillment.completed", id) >= 1, $"fulfillment.completed for {id}", TrackingMeshFixture.Deadline);
        Assert.Single(fixture.Mesh.Sidecars.PublishedTo("fbamesh-pubsub", "fulfillment.completed")
            .Where(e => e.Json.Contains(id, StringComparison.Ordinal)).Select(e => e.Id).Distinct(StringComparer.Ordinal));
    }

    private static int CountOf(string shipments) => System.Text.Json.Nodes.JsonNode.Parse(shipments)!.AsArray().Count;
}

/// <summary>The tracker with notifications off: the poll alone brings Amazon's progress to Crystallize.</summary>
public sealed class TrackingByPollScenarios(PollingMeshFixture fixture) : IClassFixture<PollingMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";

    [Fact]
    public async Task Without_notifications_the_poll_brings_carrier_and_tracking_number_to_Crystallize()
    {
        Assert.Null(fixture.Mesh.SpApi!.Notifications.Url);
        var (id, order) = Samples.Copy(Norway);
        await fixture.SubmitAsync(id, order);
        // The tracker's first look (on fulfillment.submitted) must be over before Amazon moves on: on a busy
        // machine it could come after the steps and bring Complete itself, with no poll.
        await fixture.UntilMetaAsync(id, (status, _) => status is not null, "the tracker's first look");

        var stepped = DateTimeOffset.UtcNow;
        fixture.Step(id, 3);

        await fixture.UntilMetaAsync(id, (status, shipments) => status == "Complete" && shipments.Count == fixture.PackagesAtAmazon(id), "Complete with every package by the poll");
        fixture.AssertShipmentsMatchAmazon(id);
        fixture.AssertWrittenOnce(id);
        // The sidecar records a delivery once the app has answered it, which is after the poll wrote to Crystallize.
        await Eventually.UntilAsync(
            () => fixture.Mesh.Sidecars.BindingDeliveries().Any(d => d.Binding == "fbamesh-tracking-poll" && d.Handled && d.At >= stepped),
            "a poll delivery answered after Amazon moved on", TrackingMeshFixture.Deadline);
        Assert.DoesNotContain(fixture.Mesh.Sidecars.BindingDeliveries(), d => d.Binding == TrackingMeshFixture.NotificationBinding);
    }
}
