using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>GetFulfillmentOrder's shipments and GetPackageTracking against the SP-API emulator's fulfillment flow.</summary>
public class ShipmentsAndTrackingTests
{
    [Fact]
    public async Task A_split_order_reads_each_shipment_with_its_packages_carrier_tracking_number_and_arrival()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = TwoItems(Orders.Valid());
        amazon.PlanShipments(request.SellerFulfillmentOrderId, new ShipmentPlan { ShipmentPerItem = true });
        await submitter.Client.SubmitAsync(request);
        await MoveAsync(amazon, request.SellerFulfillmentOrderId, "Processing");
        amazon.Step(request.SellerFulfillmentOrderId);

        var partial = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);
        Assert.Equal("Processing", partial.FulfillmentOrderStatus);
        Assert.Equal(["SHIPPED", "PENDING"], partial.Shipments.Select(s => s.FulfillmentShipmentStatus));
        var shipped = partial.Shipments[0];
        var package = Assert.Single(shipped.Packages);
        Assert.True(package.PackageNumber > 0);
        Assert.False(string.IsNullOrEmpty(package.CarrierCode));
        Assert.StartsWith("1Z", package.TrackingNumber, StringComparison.Ordinal);
        Assert.Equal([package.TrackingNumber], shipped.TrackingNumbers);
        Assert.NotNull(package.EstimatedArrivalDate);
        Assert.NotNull(shipped.ShippingDate);
        Assert.Equal(package.PackageNumber, Assert.Single(shipped.Items).PackageNumber);
        Assert.Empty(partial.Shipments[1].Packages);

        amazon.Step(request.SellerFulfillmentOrderId);
        var complete = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);
        Assert.Equal("Complete", complete.FulfillmentOrderStatus);
        Assert.Equal(FulfillmentAction.Ship, complete.FulfillmentAction);
        Assert.Equal(FulfillmentPolicy.FillOrKill, complete.FulfillmentPolicy);
        Assert.Equal("ATVPDKIKX0DER", complete.MarketplaceId);
        Assert.Equal(2, complete.Shipments.SelectMany(s => s.Packages).Select(p => p.PackageNumber).Distinct().Count());
    }

    [Fact]
    public async Task A_package_without_a_tracking_number_reads_empty_until_Amazon_provides_it()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        amazon.PlanShipments(request.SellerFulfillmentOrderId, new ShipmentPlan { TrackingLater = true });
        await submitter.Client.SubmitAsync(request);
        await MoveAsync(amazon, request.SellerFulfillmentOrderId, "Processing");
        amazon.Step(request.SellerFulfillmentOrderId);

        var untracked = Assert.Single(Assert.Single((await submitter.Client.GetAsync(request.SellerFulfillmentOrderId)).Shipments).Packages);
        var tracking = await submitter.Client.TrackingAsync(untracked.PackageNumber);
        amazon.Step(request.SellerFulfillmentOrderId);
        var tracked = Assert.Single(Assert.Single((await submitter.Client.GetAsync(request.SellerFulfillmentOrderId)).Shipments).Packages);

        Assert.Equal("", untracked.TrackingNumber);
        Assert.Equal("", tracking.TrackingNumber);
        Assert.Equal("", tracking.CustomerTrackingLink);
        Assert.StartsWith("1Z", tracked.TrackingNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reshipment_unfulfillable_quantities_and_CompletePartialled_cross_as_Amazon_says_them()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = TwoItems(Orders.Valid());
        amazon.PlanShipments(request.SellerFulfillmentOrderId, new ShipmentPlan { FulfillerCancelsFirst = true, UnfulfillableItems = ["CRYSTAL-RED-02"] });
        await submitter.Client.SubmitAsync(request);
        await MoveAsync(amazon, request.SellerFulfillmentOrderId, "Complete");

        var order = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);

        Assert.Equal("CompletePartialled", order.FulfillmentOrderStatus);
        Assert.Equal(["CANCELLED_BY_FULFILLER", "SHIPPED"], order.Shipments.Select(s => s.FulfillmentShipmentStatus));
        Assert.Null(order.Shipments[0].EstimatedArrivalDate);
        Assert.Equal([(2, 0, 0), (1, 0, 1)], order.Items.Select(i => (i.Quantity, i.CancelledQuantity, i.UnfulfillableQuantity)));
    }

    [Fact]
    public async Task Tracking_reads_carrier_link_and_events_and_never_the_name_of_who_signed()
    {
        var amazonClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var amazon = await AmazonEmulator.StartAsync(o =>
        {
            o.Time = amazonClock;
            o.AccessTokenLifetime = TimeSpan.FromDays(30);
        });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);
        await MoveAsync(amazon, request.SellerFulfillmentOrderId, "Complete");
        var package = Assert.Single(Assert.Single((await submitter.Client.GetAsync(request.SellerFulfillmentOrderId)).Shipments).Packages);
        amazonClock.Advance(TimeSpan.FromDays(4));

        var tracking = await submitter.Client.TrackingAsync(package.PackageNumber);

        Assert.Equal(package.PackageNumber, tracking.PackageNumber);
        Assert.Equal(package.TrackingNumber, tracking.TrackingNumber);
        Assert.Equal(package.CarrierCode, tracking.CarrierCode);
        Assert.StartsWith("https://www.swiship.com/track?id=TBA", tracking.CustomerTrackingLink, StringComparison.Ordinal);
        Assert.Equal("DELIVERED", tracking.CurrentStatus);
        Assert.Equal("EVENT_301", tracking.Events[0].EventCode);
        Assert.Equal(("Troy", "MI", "US"), (tracking.ShipTo.City, tracking.ShipTo.State, tracking.ShipTo.Country));
        Assert.Equal(5, tracking.Events.Count);
        var everything = JsonFormatter.Default.Format(tracking);
        Assert.DoesNotContain("Kari", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Delivered", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_of_an_unknown_package_is_not_found_and_of_package_zero_never_reaches_Amazon()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.TrackingAsync(12222));
        var requestsSoFar = amazon.SpApiRequests();
        var zero = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.TrackingAsync(0));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("PACKAGE_NOT_FOUND", unknown.Reason());
        Assert.Equal(StatusCode.InvalidArgument, zero.StatusCode);
        Assert.Equal(requestsSoFar, amazon.SpApiRequests());
    }

    internal static SubmitFulfillmentOrderRequest TwoItems(SubmitFulfillmentOrderRequest request)
    {
        request.Items.Add(new FulfillmentOrderItem { SellerSku = "CRYSTAL-RED-02", SellerFulfillmentOrderItemId = "CRYSTAL-RED-02", Quantity = 1 });
        return request;
    }

    /// <summary>submitFulfillmentOrderStatusUpdate, the sandbox's own way to move an order.</summary>
    internal static async Task MoveAsync(SpApiEmulatorApp amazon, string id, string status)
    {
        using var http = new HttpClient { BaseAddress = amazon.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"fba/outbound/2020-07-01/fulfillmentOrders/{id}/status")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { fulfillmentOrderStatus = status }),
        };
        request.Headers.Add("x-amz-access-token", amazon.IssueAccessToken());
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
