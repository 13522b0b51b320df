using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>listAllFulfillmentOrders paging, getFulfillmentPreview and updateFulfillmentOrder.</summary>
public sealed class QueryAndUpdateTests
{
    [Fact]
    public async Task ListAll_pages_with_nextToken_through_every_order_once()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.ListPageSize = 2);
        for (var i = 0; i < 5; i++)
        {
            await emulator.CreateAsync(Samples.Order($"page-{i}"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var path = RunningEmulator.Orders + "?queryStartDate=2020-01-01T00:00:00Z" + (token is null ? string.Empty : "&nextToken=" + Uri.EscapeDataString(token));
            var payload = (await Json.ReadAsync(await emulator.SendAsync(HttpMethod.Get, path)))["payload"]!;
            seen.AddRange(payload["fulfillmentOrders"]!.AsArray().Select(o => o!["sellerFulfillmentOrderId"]!.GetValue<string>()));
            token = payload["nextToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page-{i}"), seen);
    }

    [Fact]
    public async Task ListAll_selects_orders_updated_at_or_after_queryStartDate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(1);
        });
        await emulator.CreateAsync(Samples.Order("old-1"));
        time.Advance(TimeSpan.FromHours(1));
        await emulator.CreateAsync(Samples.Order("new-1"));

        var payload = (await Json.ReadAsync(await emulator.SendAsync(HttpMethod.Get, RunningEmulator.Orders + "?queryStartDate=2026-11-27T09:00:00Z")))["payload"]!;

        var order = Assert.Single(payload["fulfillmentOrders"]!.AsArray())!;
        Assert.Equal("new-1", order["sellerFulfillmentOrderId"]!.GetValue<string>());
        Assert.Null(payload["nextToken"]);
    }

    [Fact]
    public async Task ListAll_refuses_a_bad_date_as_the_sandbox_does_and_a_forged_token()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var badDate = await emulator.SendAsync(HttpMethod.Get, RunningEmulator.Orders + "?queryStartDate=fdfdsfds");
        var badToken = await emulator.SendAsync(HttpMethod.Get, RunningEmulator.Orders + "?nextToken=forged");

        var error = await Json.ErrorAsync(badDate, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains("timestamp must follow ISO8601", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["$.nextToken"], await Json.ViolatedPathsAsync(badToken));
    }

    [Fact]
    public async Task Preview_answers_each_requested_shipping_speed()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("pv-1", lines: 2, quantityEach: 3);
        var preview = new JsonObject
        {
            ["marketplaceId"] = "A1F83G8C2ARO7P",
            ["address"] = order["destinationAddress"]!.DeepClone(),
            ["items"] = order["items"]!.DeepClone(),
            ["shippingSpeedCategories"] = new JsonArray("Standard", "Priority"),
        };

        var response = await emulator.SendAsync(HttpMethod.Post, RunningEmulator.Orders + "/preview", preview);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var previews = (await Json.ReadAsync(response))["payload"]!["fulfillmentPreviews"]!.AsArray();
        Assert.Equal(["Standard", "Priority"], previews.Select(p => p!["shippingSpeedCategory"]!.GetValue<string>()));
        Assert.All(previews, p => Assert.True(p!["isFulfillable"]!.GetValue<bool>()));
        Assert.Equal("A1F83G8C2ARO7P", previews[0]!["marketplaceId"]!.GetValue<string>());
        Assert.Equal(2, previews[0]!["fulfillmentPreviewShipments"]![0]!["fulfillmentPreviewItems"]!.AsArray().Count);
        Assert.Empty(emulator.App.FulfillmentOrders);
    }

    [Fact]
    public async Task Preview_without_a_country_answers_like_the_sandbox_example()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var example = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders/preview", "post", "400", 0, "request")["parameters"]!["body"]!["value"]!;

        var response = await emulator.SendAsync(HttpMethod.Post, RunningEmulator.Orders + "/preview", example.DeepClone());

        var error = await Json.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal("The request must contain the parameter address.countryCode.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_enforces_the_unit_limit_too()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("pv-2", lines: 1, quantityEach: 251);

        var response = await emulator.SendAsync(HttpMethod.Post, RunningEmulator.Orders + "/preview", new JsonObject
        {
            ["address"] = order["destinationAddress"]!.DeepClone(),
            ["items"] = order["items"]!.DeepClone(),
        });

        Assert.Equal(["$.items"], await Json.ViolatedPathsAsync(response));
    }

    [Fact]
    public async Task Update_changes_the_address_and_an_items_quantity()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("up-1", lines: 2, quantityEach: 2));
        var change = new JsonObject
        {
            ["destinationAddress"] = new JsonObject { ["name"] = "NameChangeTest", ["addressLine1"] = "Storgata 14", ["postalCode"] = "0155", ["countryCode"] = "NO" },
            ["items"] = new JsonArray(new JsonObject { ["sellerFulfillmentOrderItemId"] = "SKU-2", ["quantity"] = 5 }),
        };

        var response = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/up-1", change);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = (await Json.ReadAsync(await emulator.GetAsync("up-1")))["payload"]!;
        Assert.Equal("NameChangeTest", payload["fulfillmentOrder"]!["destinationAddress"]!["name"]!.GetValue<string>());
        Assert.Equal([2, 5], payload["fulfillmentOrderItems"]!.AsArray().Select(i => i!["quantity"]!.GetValue<int>()));
        Assert.Contains("\"Kari Nordmann\"", Assert.Single(emulator.App.FulfillmentOrders).RequestJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_of_a_processing_order_answers_as_the_sandbox()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var example = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders/{sellerFulfillmentOrderId}", "put", "400", 0, "response")["errors"]![0]!["message"]!.GetValue<string>();
        await emulator.CreateAsync(Samples.Order("up-2"));
        await emulator.MoveAsync("up-2", "Processing");

        var response = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/up-2", new JsonObject { ["displayableOrderComment"] = "late" });

        var error = await Json.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(example, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_of_an_unknown_item_or_with_a_bad_field_changes_nothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("up-3"));

        var unknownItem = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/up-3", new JsonObject
        {
            ["displayableOrderComment"] = "changed",
            ["items"] = new JsonArray(new JsonObject { ["sellerFulfillmentOrderItemId"] = "NOPE", ["quantity"] = 1 }),
        });
        var badField = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/up-3", new JsonObject { ["shippingSpeedCategory"] = "Overnight" });

        await Json.ErrorAsync(unknownItem, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(["$.shippingSpeedCategory"], await Json.ViolatedPathsAsync(badField));
        var order = (await Json.ReadAsync(await emulator.GetAsync("up-3")))["payload"]!["fulfillmentOrder"]!;
        Assert.Equal("Thank you for your order!", order["displayableOrderComment"]!.GetValue<string>());
        Assert.Equal("Standard", order["shippingSpeedCategory"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_cannot_take_an_order_past_250_units()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("up-4", lines: 2, quantityEach: 100));

        var response = await emulator.SendAsync(HttpMethod.Put, $"{RunningEmulator.Orders}/up-4", new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["sellerFulfillmentOrderItemId"] = "SKU-1", ["quantity"] = 151 }),
        });

        Assert.Equal(["$.items"], await Json.ViolatedPathsAsync(response));
        var items = (await Json.ReadAsync(await emulator.GetAsync("up-4")))["payload"]!["fulfillmentOrderItems"]!.AsArray();
        Assert.Equal(100, items[0]!["quantity"]!.GetValue<int>());
    }
}
