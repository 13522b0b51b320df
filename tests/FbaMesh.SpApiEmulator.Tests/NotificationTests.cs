using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>FULFILLMENT_ORDER_STATUS notifications POSTed to Notifications:Url, retried, then given up.</summary>
public sealed class NotificationTests
{
    [Fact]
    public async Task Every_order_and_shipment_change_is_notified_in_the_shape_of_Amazons_schema()
    {
        await using var receiver = new NotificationReceiver();
        await using var emulator = await RunningEmulator.StartAsync(o => o.Notifications.Url = receiver.Url.ToString());
        await emulator.CreateAsync(Samples.Order("note-1"));
        await emulator.MoveAsync("note-1", "Complete");

        await Eventually.UntilAsync(() => emulator.App.Notifications.Counts is { Pending: 0, Delivered: 6 }, "six notifications delivered");
        var all = receiver.Accepted.ToArray();
        var orderChanges = all.Select(Body).Where(b => b["EventType"]!.GetValue<string>() == "Order")
            .Select(b => b["FulfillmentOrderStatus"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["Complete", "Planning", "Processing", "Received"], orderChanges);
        var shipped = all.Select(Body).Single(b => b["FulfillmentShipment"]?["FulfillmentShipmentStatus"]?.GetValue<string>() == "SHIPPED");
        Assert.Equal("note-1", shipped["SellerFulfillmentOrderId"]!.GetValue<string>());
        Assert.StartsWith("1Z", shipped["FulfillmentShipment"]!["FulfillmentShipmentPackages"]![0]!["TrackingNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(shipped["FulfillmentShipment"]!["EstimatedArrivalDateTime"]);
        foreach (var note in all)
        {
            Assert.Equal("FULFILLMENT_ORDER_STATUS", note["NotificationType"]!.GetValue<string>());
            Assert.Equal("1.0", note["NotificationVersion"]!.GetValue<string>());
            Assert.Equal("1.0", note["PayloadVersion"]!.GetValue<string>());
            Assert.NotNull(note["EventTime"]);
            Assert.NotNull(Body(note)["StatusUpdatedDateTime"]);
            Assert.NotNull(Body(note)["SellerId"]);
        }

        Assert.Equal(all.Length, all.Select(n => n["NotificationMetadata"]!["NotificationId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_notification_is_retried_with_the_same_NotificationId_until_accepted()
    {
        await using var receiver = new NotificationReceiver(refuseFirstAttempts: 2);
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Notifications.Url = receiver.Url.ToString();
            o.Notifications.RetryDelay = TimeSpan.FromMilliseconds(10);
        });

        await emulator.CreateAsync(Samples.Order("retry-1"));

        await Eventually.UntilAsync(() => emulator.App.Notifications.Counts is { Delivered: 1, Pending: 0 }, "the created notification delivered");
        var note = Assert.Single(receiver.Accepted);
        Assert.Equal(3, receiver.Attempts(note["NotificationMetadata"]!["NotificationId"]!.GetValue<string>()));
        Assert.Equal(0, emulator.App.Notifications.Counts.GivenUp);
    }

    [Fact]
    public async Task A_notification_nobody_accepts_is_given_up_after_its_attempts_with_a_log_line()
    {
        await using var receiver = new NotificationReceiver(refuseAll: true);
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Notifications.Url = receiver.Url.ToString();
            o.Notifications.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.Notifications.MaxAttempts = 3;
        });

        await emulator.CreateAsync(Samples.Order("lost-1"));

        await Eventually.UntilAsync(() => emulator.App.Notifications.Counts is { GivenUp: 1, Pending: 0 }, "the notification given up");
        Assert.Equal(3, receiver.AllAttempts);
        Assert.Equal(0, emulator.App.Notifications.Counts.Delivered);
    }

    [Fact]
    public async Task Without_a_url_nothing_is_published_and_the_admin_api_turns_notifications_on()
    {
        await using var receiver = new NotificationReceiver();
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("off-1"));
        Assert.Equal(0, emulator.App.Notifications.Counts.Published);

        var on = await emulator.Http.PutAsync("_emulator/notifications", System.Net.Http.Json.JsonContent.Create(new { url = receiver.Url.ToString() }));
        Assert.Equal(System.Net.HttpStatusCode.OK, on.StatusCode);
        await emulator.MoveAsync("off-1", "Planning");

        await Eventually.UntilAsync(() => emulator.App.Notifications.Counts is { Delivered: 1, Pending: 0 }, "the Planning notification");
        Assert.Equal("Planning", Body(Assert.Single(receiver.Accepted))["FulfillmentOrderStatus"]!.GetValue<string>());
        var bad = await emulator.Http.PutAsync("_emulator/notifications", System.Net.Http.Json.JsonContent.Create(new { url = "ftp://nowhere" }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Changes_the_clock_makes_are_notified_without_anyone_reading_the_order()
    {
        await using var receiver = new NotificationReceiver();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Notifications.Url = receiver.Url.ToString();
            o.Notifications.ClockSweep = TimeSpan.FromMilliseconds(20);
            o.StatusStep = TimeSpan.FromMilliseconds(50);
        });

        await emulator.CreateAsync(Samples.Order("clocked-1"));

        await Eventually.UntilAsync(
            () => receiver.Accepted.Any(n => Body(n)["FulfillmentOrderStatus"]!.GetValue<string>() == "Complete"),
            "the Complete notification");
    }

    private static JsonNode Body(JsonNode note) => note["Payload"]!["FulfillmentOrderStatusNotification"]!;
}
