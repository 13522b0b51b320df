using System.Net;
using System.Net.Http.Json;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>The admin switches for the order flow: a plan per order, one step at a time, bad input refused.</summary>
public sealed class AdminFlowTests
{
    [Fact]
    public async Task A_plan_set_over_http_before_the_create_shapes_the_shipments_and_a_step_moves_the_order()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var plan = await emulator.Http.PutAsync("_emulator/fulfillment-orders/adm-1/plan", JsonContent.Create(new { shipmentPerItem = true, trackingLater = true }));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        await emulator.CreateAsync(Samples.Order("adm-1", lines: 2));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await emulator.Http.PostAsync("_emulator/fulfillment-orders/adm-1/step", null)).StatusCode);
        }

        var view = await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/fulfillment-orders/adm-1"));
        Assert.Equal("Processing", view["status"]!.GetValue<string>());
        var shipments = view["shipments"]!.AsArray();
        Assert.Equal(2, shipments.Count);
        Assert.Equal("SHIPPED", shipments[0]!["fulfillmentShipmentStatus"]!.GetValue<string>());
        Assert.Null(shipments[0]!["fulfillmentShipmentPackage"]![0]!["trackingNumber"]);
    }

    [Fact]
    public async Task Bad_plans_unknown_orders_and_final_orders_are_refused_and_change_nothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("adm-2"));
        await emulator.CancelAsync("adm-2");

        var typo = await emulator.Http.PutAsync("_emulator/fulfillment-orders/adm-2/plan", JsonContent.Create(new { shipmentsPerItem = true }));
        var blank = await emulator.Http.PutAsync("_emulator/fulfillment-orders/adm-2/plan", JsonContent.Create(new { unfulfillableItems = new[] { " " } }));
        var unknown = await emulator.Http.PostAsync("_emulator/fulfillment-orders/nobody/step", null);
        var final = await emulator.Http.PostAsync("_emulator/fulfillment-orders/adm-2/step", null);
        var unknownView = await emulator.Http.GetAsync("_emulator/fulfillment-orders/nobody");

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, final.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownView.StatusCode);
        Assert.Equal("Cancelled", await emulator.StatusOfAsync("adm-2"));
    }
}
