using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Shipments, packages and tracking numbers as Amazon's fulfillment network produces them, one step at a time.</summary>
public sealed class ShipmentFlowTests
{
    [Fact]
    public async Task One_shipment_per_item_ships_partially_then_completes_with_a_package_each()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("split-1", new ShipmentPlan { ShipmentPerItem = true });
        await emulator.CreateAsync(Samples.Order("split-1", lines: 2));
        await emulator.MoveAsync("split-1", "Processing");
        var pending = await ShipmentsAsync(emulator, "split-1");
        Assert.Equal(["PENDING", "PENDING"], Statuses(pending));

        Assert.True(emulator.App.Step("split-1"));
        var partial = await OrderAsync(emulator, "split-1");
        Assert.Equal("Processing", Status(partial));
        Assert.Equal(["SHIPPED", "PENDING"], Statuses(partial["fulfillmentShipments"]!.AsArray()));

        Assert.True(emulator.App.Step("split-1"));
        var done = await OrderAsync(emulator, "split-1");
        Assert.Equal("Complete", Status(done));
        var shipments = done["fulfillmentShipments"]!.AsArray();
        Assert.Equal(["SHIPPED", "SHIPPED"], Statuses(shipments));
        var packages = shipments.SelectMany(s => s!["fulfillmentShipmentPackage"]!.AsArray()).ToArray();
        Assert.Equal(2, packages.Select(p => p!["packageNumber"]!.GetValue<int>()).Distinct().Count());
        Assert.All(packages, p => Assert.StartsWith("1Z", p!["trackingNumber"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(2, shipments.Select(s => s!["amazonShipmentId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_package_can_leave_without_a_tracking_number_that_is_provided_one_step_later()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("late-1", new ShipmentPlan { TrackingLater = true });
        await emulator.CreateAsync(Samples.Order("late-1"));
        await emulator.MoveAsync("late-1", "Processing");

        emulator.App.Step("late-1");
        var shipped = await OrderAsync(emulator, "late-1");
        Assert.Equal("Processing", Status(shipped));
        var package = shipped["fulfillmentShipments"]![0]!["fulfillmentShipmentPackage"]![0]!;
        Assert.Null(package["trackingNumber"]);
        Assert.NotNull(package["carrierCode"]);

        emulator.App.Step("late-1");
        var tracked = await OrderAsync(emulator, "late-1");
        Assert.Equal("Complete", Status(tracked));
        Assert.StartsWith("1Z", tracked["fulfillmentShipments"]![0]!["fulfillmentShipmentPackage"]![0]!["trackingNumber"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shipment_cancelled_by_the_fulfiller_is_made_again_and_ships()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("reship-1", new ShipmentPlan { FulfillerCancelsFirst = true });
        await emulator.CreateAsync(Samples.Order("reship-1", lines: 2));
        await emulator.MoveAsync("reship-1", "Processing");

        emulator.App.Step("reship-1");
        var again = await ShipmentsAsync(emulator, "reship-1");
        Assert.Equal(["CANCELLED_BY_FULFILLER", "PENDING"], Statuses(again));
        Assert.Null(again[0]!["shippingDate"]);
        Assert.Null(again[0]!["estimatedArrivalDate"]);
        Assert.Equal(2, again[1]!["fulfillmentShipmentItem"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("reship-1", "Complete")).StatusCode);
        var done = await OrderAsync(emulator, "reship-1");
        Assert.Equal("Complete", Status(done));
        Assert.Equal(["CANCELLED_BY_FULFILLER", "SHIPPED"], Statuses(done["fulfillmentShipments"]!.AsArray()));
    }

    [Fact]
    public async Task Items_without_stock_make_the_order_CompletePartialled_with_their_unfulfillable_quantity()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("part-1", new ShipmentPlan { UnfulfillableItems = ["SKU-2"] });
        await emulator.CreateAsync(Samples.Order("part-1", lines: 2, quantityEach: 3));

        await emulator.MoveAsync("part-1", "Complete");

        var order = await OrderAsync(emulator, "part-1");
        Assert.Equal("CompletePartialled", Status(order));
        var items = order["fulfillmentOrderItems"]!.AsArray();
        Assert.Equal([0, 3], items.Select(i => i!["unfulfillableQuantity"]!.GetValue<int>()));
        var shipment = Assert.Single(order["fulfillmentShipments"]!.AsArray());
        Assert.Equal("SKU-1", Assert.Single(shipment!["fulfillmentShipmentItem"]!.AsArray())!["sellerSku"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_order_with_no_item_in_stock_ends_Unfulfillable()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("unf-1", new ShipmentPlan { UnfulfillableItems = ["SKU-1"] });
        await emulator.CreateAsync(Samples.Order("unf-1", quantityEach: 2));

        await emulator.MoveAsync("unf-1", "Complete");

        var order = await OrderAsync(emulator, "unf-1");
        Assert.Equal("Unfulfillable", Status(order));
        Assert.Equal(2, order["fulfillmentOrderItems"]![0]!["unfulfillableQuantity"]!.GetValue<int>());
        Assert.Empty(order["fulfillmentShipments"]!.AsArray());
    }

    [Fact]
    public async Task The_sandbox_status_update_jumps_to_CompletePartialled_shipping_the_first_shipment_only()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("jump-1", new ShipmentPlan { ShipmentPerItem = true });
        await emulator.CreateAsync(Samples.Order("jump-1", lines: 2));
        await emulator.MoveAsync("jump-1", "Processing");

        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("jump-1", "CompletePartialled")).StatusCode);

        var order = await OrderAsync(emulator, "jump-1");
        Assert.Equal(["SHIPPED", "CANCELLED_BY_FULFILLER"], Statuses(order["fulfillmentShipments"]!.AsArray()));
        Assert.Equal([0, 1], order["fulfillmentOrderItems"]!.AsArray().Select(i => i!["unfulfillableQuantity"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Invalid_comes_only_before_shipments_and_leaves_every_unit_unfulfillable()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("inv-1", quantityEach: 2));
        await emulator.CreateAsync(Samples.Order("inv-2"));
        await emulator.MoveAsync("inv-2", "Processing");

        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("inv-1", "Invalid")).StatusCode);
        Assert.Equal(["$.fulfillmentOrderStatus"], await Json.ViolatedPathsAsync(await emulator.MoveAsync("inv-2", "Invalid")));

        var order = await OrderAsync(emulator, "inv-1");
        Assert.Equal("Invalid", Status(order));
        Assert.Equal(2, order["fulfillmentOrderItems"]![0]!["unfulfillableQuantity"]!.GetValue<int>());
        Assert.Equal("Processing", await emulator.StatusOfAsync("inv-2"));
    }

    [Fact]
    public async Task A_cancelled_order_reports_every_unit_cancelled()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("cq-1", lines: 2, quantityEach: 2));

        Assert.Equal(HttpStatusCode.OK, (await emulator.CancelAsync("cq-1")).StatusCode);

        var order = await OrderAsync(emulator, "cq-1");
        Assert.Equal("Cancelled", Status(order));
        Assert.Equal([2, 2], order["fulfillmentOrderItems"]!.AsArray().Select(i => i!["cancelledQuantity"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_held_order_is_cancelled_by_Amazon_after_14_days_on_the_emulators_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(30);
        });
        var held = Samples.Order("held-1");
        held["fulfillmentAction"] = "Hold";
        await emulator.CreateAsync(held);

        time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.Equal("Received", await emulator.StatusOfAsync("held-1"));
        time.Advance(TimeSpan.FromSeconds(1));

        var order = await OrderAsync(emulator, "held-1");
        Assert.Equal("Cancelled", Status(order));
        Assert.Equal("2026-11-15T09:00:00Z", order["fulfillmentOrder"]!["statusUpdatedDate"]!.GetValue<string>());
        Assert.Equal(1, order["fulfillmentOrderItems"]![0]!["cancelledQuantity"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_released_order_is_not_cancelled_after_14_days_and_shows_fulfillmentAction_Ship()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(30);
        });
        var held = Samples.Order("rel-1");
        held["fulfillmentAction"] = "Hold";
        await emulator.CreateAsync(held);
        Assert.Equal("Hold", emulator.App.FulfillmentOrders.Single().FulfillmentAction);

        var release = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/rel-1", new JsonObject { ["fulfillmentAction"] = "Ship" });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        time.Advance(TimeSpan.FromDays(15));

        Assert.Equal("Received", await emulator.StatusOfAsync("rel-1"));
        Assert.Equal("Ship", emulator.App.FulfillmentOrders.Single().FulfillmentAction);
        var admin = await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/fulfillment-orders/rel-1"));
        Assert.Equal("Ship", admin["fulfillmentAction"]!.GetValue<string>());
        Assert.Equal("Hold", admin["request"]!["fulfillmentAction"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_status_change_brings_an_older_order_into_listAllFulfillmentOrders_since_then()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(30);
            o.ListPageSize = 1;
        });
        foreach (var id in (string[])["old-1", "old-2", "old-3"])
        {
            await emulator.CreateAsync(Samples.Order(id));
        }

        time.Advance(TimeSpan.FromHours(1));
        await emulator.MoveAsync("old-1", "Processing");
        await emulator.MoveAsync("old-3", "Complete");

        var seen = new List<string>();
        string? token = null;
        do
        {
            var query = token is null ? "?queryStartDate=2026-11-01T09:30:00Z" : $"?nextToken={Uri.EscapeDataString(token)}";
            var payload = (await Json.ReadAsync(await emulator.SendAsync(HttpMethod.Get, RunningEmulator.Orders + query)))["payload"]!;
            seen.AddRange(payload["fulfillmentOrders"]!.AsArray().Select(o => $"{o!["sellerFulfillmentOrderId"]}:{o["fulfillmentOrderStatus"]}"));
            token = payload["nextToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(["old-1:Processing", "old-3:Complete"], seen);
    }

    internal static async Task<JsonNode> OrderAsync(RunningEmulator emulator, string id) =>
        (await Json.ReadAsync(await emulator.GetAsync(id)))["payload"]!;

    private static async Task<JsonArray> ShipmentsAsync(RunningEmulator emulator, string id) =>
        (await OrderAsync(emulator, id))["fulfillmentShipments"]!.AsArray();

    private static string Status(JsonNode order) => order["fulfillmentOrder"]!["fulfillmentOrderStatus"]!.GetValue<string>();

    private static string[] Statuses(JsonArray shipments) => [.. shipments.Select(s => s!["fulfillmentShipmentStatus"]!.GetValue<string>())];
}
