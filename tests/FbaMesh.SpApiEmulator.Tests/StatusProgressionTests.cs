using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Received → Planning → Processing → Complete, by submitFulfillmentOrderStatusUpdate or by the clock.</summary>
public sealed class StatusProgressionTests
{
    [Fact]
    public async Task Status_updates_walk_the_order_to_Complete_with_a_shipped_package_and_tracking()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("walk-1", lines: 2));
        Assert.Equal("Received", await emulator.StatusOfAsync("walk-1"));

        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("walk-1", "Planning")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("walk-1", "Processing")).StatusCode);
        var processing = (await Json.ReadAsync(await emulator.GetAsync("walk-1")))["payload"]!;
        Assert.Equal("PENDING", processing["fulfillmentShipments"]![0]!["fulfillmentShipmentStatus"]!.GetValue<string>());
        Assert.Null(processing["fulfillmentShipments"]![0]!["fulfillmentShipmentPackage"]);

        Assert.Equal(HttpStatusCode.OK, (await emulator.MoveAsync("walk-1", "Complete")).StatusCode);
        var complete = (await Json.ReadAsync(await emulator.GetAsync("walk-1")))["payload"]!;
        Assert.Equal("Complete", complete["fulfillmentOrder"]!["fulfillmentOrderStatus"]!.GetValue<string>());
        var shipment = complete["fulfillmentShipments"]![0]!;
        Assert.Equal("SHIPPED", shipment["fulfillmentShipmentStatus"]!.GetValue<string>());
        Assert.Equal(2, shipment["fulfillmentShipmentItem"]!.AsArray().Count);
        var package = shipment["fulfillmentShipmentPackage"]![0]!;
        Assert.False(string.IsNullOrEmpty(package["trackingNumber"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(package["carrierCode"]!.GetValue<string>()));
        Assert.Equal(package["packageNumber"]!.GetValue<int>(), shipment["fulfillmentShipmentItem"]![0]!["packageNumber"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Received")]
    [InlineData("Planning")]
    [InlineData("New")]
    public async Task An_order_never_moves_backwards(string target)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("back-1"));
        await emulator.MoveAsync("back-1", "Processing");

        var response = await emulator.MoveAsync("back-1", target);

        Assert.Equal(["$.fulfillmentOrderStatus"], await Json.ViolatedPathsAsync(response));
        Assert.Equal("Processing", await emulator.StatusOfAsync("back-1"));
    }

    [Fact]
    public async Task A_status_outside_the_models_enum_is_refused()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("enum-1"));

        var response = await emulator.MoveAsync("enum-1", "Shipped");

        Assert.Equal(["$.fulfillmentOrderStatus"], await Json.ViolatedPathsAsync(response));
    }

    [Fact]
    public async Task With_a_status_step_the_clock_moves_orders_along()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.StatusStep = TimeSpan.FromMinutes(10);
            o.AccessTokenLifetime = TimeSpan.FromDays(1);
        });
        await emulator.CreateAsync(Samples.Order("clock-1"));

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("Received", await emulator.StatusOfAsync("clock-1"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Planning", await emulator.StatusOfAsync("clock-1"));
        time.Advance(TimeSpan.FromMinutes(25));
        var order = (await Json.ReadAsync(await emulator.GetAsync("clock-1")))["payload"]!["fulfillmentOrder"]!;
        Assert.Equal("Complete", order["fulfillmentOrderStatus"]!.GetValue<string>());
        Assert.Equal("2026-11-27T08:30:00Z", order["statusUpdatedDate"]!.GetValue<string>());
        Assert.Equal("2026-11-27T08:00:00Z", order["receivedDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_held_order_waits_until_it_is_released_to_ship()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.StatusStep = TimeSpan.FromMinutes(1);
            o.AccessTokenLifetime = TimeSpan.FromDays(1);
        });
        var order = Samples.Order("hold-1");
        order["fulfillmentAction"] = "Hold";
        await emulator.CreateAsync(order);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("Received", await emulator.StatusOfAsync("hold-1"));

        var release = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/hold-1", new System.Text.Json.Nodes.JsonObject { ["fulfillmentAction"] = "Ship" });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Planning", await emulator.StatusOfAsync("hold-1"));
    }
}
