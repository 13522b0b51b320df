using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>The seller's FBA inventory (unknown SKUs are refused) and the traceparent each create carried.</summary>
public sealed class InventoryAndTraceTests
{
    [Fact]
    public async Task An_unlisted_sku_is_refused_with_amazons_message_naming_the_item()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.Inventory.Unlist("SKU-2");

        var response = await emulator.CreateAsync(Samples.Order("inv-1", lines: 2));

        var error = await Json.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal("the SellerSKU for Item Id: SKU-2 is invalid.", error["message"]!.GetValue<string>());
        Assert.Equal("$.items[1].sellerSku", error["details"]!.GetValue<string>());
        Assert.Empty(emulator.App.FulfillmentOrders);

        emulator.App.Inventory.Relist("SKU-2");
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("inv-1", lines: 2))).StatusCode);
    }

    [Fact]
    public async Task A_retry_of_a_created_order_hears_already_exists_even_if_a_sku_was_unlisted_since()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("inv-2"));
        emulator.App.Inventory.Unlist("SKU-1");

        var error = await Json.ErrorAsync(await emulator.CreateAsync(Samples.Order("inv-2")), HttpStatusCode.BadRequest, "InvalidInput");

        Assert.StartsWith("A create request already exists", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_reports_unlisted_items_as_unfulfillable()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.UnlistedSkus = ["SKU-1"]);
        var order = Samples.Order("inv-3", lines: 2);

        var response = await emulator.SendAsync(HttpMethod.Post, RunningEmulator.Orders + "/preview", new JsonObject
        {
            ["address"] = order["destinationAddress"]!.DeepClone(),
            ["items"] = order["items"]!.DeepClone(),
            ["shippingSpeedCategories"] = new JsonArray("Standard"),
        });

        var preview = (await Json.ReadAsync(response))["payload"]!["fulfillmentPreviews"]![0]!;
        Assert.False(preview["isFulfillable"]!.GetValue<bool>());
        var unfulfillable = Assert.Single(preview["unfulfillablePreviewItems"]!.AsArray())!;
        Assert.Equal("SKU-1", unfulfillable["sellerSku"]!.GetValue<string>());
        Assert.Equal("InvalidSKU", unfulfillable["itemUnfulfillableReasons"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Skus_are_unlisted_and_relisted_over_http_and_reset_restores_the_configuration()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.UnlistedSkus = ["SKU-9"]);

        Assert.Equal(HttpStatusCode.OK, (await emulator.Http.PostAsJsonAsync("_emulator/inventory/unlisted", new { sellerSku = "SKU-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.CreateAsync(Samples.Order("inv-4"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.Http.PostAsJsonAsync("_emulator/inventory/unlisted", new { sellerSku = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.Http.DeleteAsync("_emulator/inventory/unlisted/SKU-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("inv-4"))).StatusCode);

        emulator.App.Inventory.Unlist("SKU-1");
        await emulator.Http.PostAsync("_emulator/reset", null);

        var listed = await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/inventory"));
        Assert.Equal(["SKU-9"], listed["unlisted"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task The_create_requests_traceparent_is_kept_with_the_order()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.Orders) { Content = JsonContent.Create(Samples.Order("tr-1")) };
        request.Headers.Add("x-amz-access-token", emulator.Token);
        request.Headers.Add("traceparent", traceparent);

        Assert.Equal(HttpStatusCode.OK, (await emulator.Http.SendAsync(request)).StatusCode);
        await emulator.CreateAsync(Samples.Order("tr-2"));

        var orders = emulator.App.FulfillmentOrders;
        Assert.Equal(traceparent, orders.Single(o => o.SellerFulfillmentOrderId == "tr-1").TraceParent);
        var listed = (await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/fulfillment-orders"))).AsArray();
        Assert.Equal(traceparent, listed[0]!["traceparent"]!.GetValue<string>());
    }
}
