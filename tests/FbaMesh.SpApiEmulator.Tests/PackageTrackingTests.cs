using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>getPackageTrackingDetails as the model and the 2022 static sandbox answer it.</summary>
public sealed class PackageTrackingTests
{
    private const string Tracking = "fba/outbound/2020-07-01/tracking";

    [Fact]
    public async Task A_shipped_package_is_in_transit_and_delivered_at_its_estimated_arrival()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromDays(30);
        });
        await emulator.CreateAsync(Samples.Order("track-1"));
        await emulator.MoveAsync("track-1", "Complete");
        var package = (await ShipmentFlowTests.OrderAsync(emulator, "track-1"))["fulfillmentShipments"]![0]!["fulfillmentShipmentPackage"]![0]!;
        var number = package["packageNumber"]!.GetValue<int>();

        var leaving = await DetailsAsync(emulator, number);
        Assert.Equal(number, leaving["packageNumber"]!.GetValue<int>());
        Assert.Equal(package["trackingNumber"]!.GetValue<string>(), leaving["trackingNumber"]!.GetValue<string>());
        Assert.Equal(package["carrierCode"]!.GetValue<string>(), leaving["carrierCode"]!.GetValue<string>());
        Assert.Equal("IN_TRANSIT", leaving["currentStatus"]!.GetValue<string>());
        Assert.Equal(["EVENT_101"], Codes(leaving));
        Assert.StartsWith("https%3A%2F%2Fwww.swiship.com%2Ftrack", leaving["customerTrackingLink"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(leaving["signedForBy"]);

        time.Advance(TimeSpan.FromDays(3));
        var delivered = await DetailsAsync(emulator, number);
        Assert.Equal("DELIVERED", delivered["currentStatus"]!.GetValue<string>());
        Assert.Equal(["EVENT_301", "EVENT_302", "EVENT_201", "EVENT_102", "EVENT_101"], Codes(delivered));
        Assert.Equal("Oslo", delivered["shipToAddress"]!["city"]!.GetValue<string>());
        Assert.Equal("NO", delivered["trackingEvents"]![0]!["eventAddress"]!["country"]!.GetValue<string>());
        Assert.Equal(package["estimatedArrivalDate"]!.GetValue<string>(), delivered["estimatedArrivalDate"]!.GetValue<string>());
        // Amazon's answer may name who signed; the emulator does too, so callers are tested for dropping it.
        Assert.Equal("Kari Nordmann", delivered["signedForBy"]!.GetValue<string>());
        foreach (var field in (string[])["eventDate", "eventAddress", "eventCode", "eventDescription"])
        {
            Assert.All(delivered["trackingEvents"]!.AsArray(), e => Assert.NotNull(e![field]));
        }
    }

    [Fact]
    public async Task A_package_whose_tracking_number_is_not_provided_yet_is_tracked_without_one()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.PlanShipments("track-2", new ShipmentPlan { TrackingLater = true });
        await emulator.CreateAsync(Samples.Order("track-2"));
        await emulator.MoveAsync("track-2", "Processing");
        emulator.App.Step("track-2");
        var number = emulator.App.FulfillmentOrders.Single().Shipments.Single().Packages.Single().PackageNumber;

        var details = await DetailsAsync(emulator, number);

        Assert.Null(details["trackingNumber"]);
        Assert.Null(details["customerTrackingLink"]);
        Assert.NotNull(details["carrierCode"]);
    }

    [Fact]
    public async Task Unknown_missing_and_malformed_package_numbers_are_refused_as_the_sandbox_does()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var unknown = await emulator.SendAsync(HttpMethod.Get, Tracking + "?packageNumber=12222");
        var missing = await emulator.SendAsync(HttpMethod.Get, Tracking);
        var malformed = await emulator.SendAsync(HttpMethod.Get, Tracking + "?packageNumber=1.5");

        var error = await Json.ErrorAsync(unknown, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(Samples.SandboxExample("/fba/outbound/2020-07-01/tracking", "get", "400", 0, "response")["errors"]![0]!["message"]!.GetValue<string>(), error["message"]!.GetValue<string>());
        Assert.Equal(["$.packageNumber"], await Json.ViolatedPathsAsync(missing));
        Assert.Equal(["$.packageNumber"], await Json.ViolatedPathsAsync(malformed));
    }

    [Fact]
    public async Task Tracking_needs_an_access_token_and_is_paced_by_its_own_usage_plan()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.App.SetUsagePlan(Operations.Tracking, new UsagePlan(0.001, 1));

        var denied = await emulator.SendAsync(HttpMethod.Get, Tracking + "?packageNumber=1", token: "not-a-token");
        var first = await emulator.SendAsync(HttpMethod.Get, Tracking + "?packageNumber=1");
        var second = await emulator.SendAsync(HttpMethod.Get, Tracking + "?packageNumber=1");

        await Json.ErrorAsync(denied, HttpStatusCode.Forbidden, "Unauthorized");
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        await Json.ErrorAsync(second, HttpStatusCode.TooManyRequests, "QuotaExceeded");
        // getFulfillmentOrder has a bucket of its own: answered (400, no such order), not throttled.
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.GetAsync("nothing-yet")).StatusCode);
    }

    private static async Task<JsonNode> DetailsAsync(RunningEmulator emulator, int packageNumber)
    {
        var response = await emulator.SendAsync(HttpMethod.Get, $"{Tracking}?packageNumber={packageNumber}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response))["payload"]!;
    }

    private static string[] Codes(JsonNode details) => [.. details["trackingEvents"]!.AsArray().Select(e => e!["eventCode"]!.GetValue<string>())];
}
