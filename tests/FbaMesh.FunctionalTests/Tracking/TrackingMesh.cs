using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FbaMesh.DevMesh;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.FunctionalTests.Support;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.FunctionalTests.Tracking;

/// <summary>
/// A devmesh with the fulfillment tracker: the SP-API emulator posts its FULFILLMENT_ORDER_STATUS
/// notifications to the tracker sidecar's queue feed, and the poll keeps its production schedule (5 min),
/// so whatever reaches Crystallize within a scenario came through notifications or the first look.
/// </summary>
public class TrackingMeshFixture : IAsyncLifetime
{
    public const string Tracker = "fulfillment-tracker";
    public const string NotificationBinding = "fbamesh-amazon-notifications";

    /// <summary>A ceiling for a loaded 2-core machine, not a measure.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public DevMesh.Mesh Mesh { get; private set; } = null!;

    protected virtual IDictionary<string, string> CronSchedules => MeshSettings.CronSchedules();

    public async Task InitializeAsync()
    {
        var options = MeshSettings.EmulatedOptions();
        options.CronSchedules = CronSchedules;
        Mesh = await DevMesh.Mesh.StartAsync(options);
        Configure();
    }

    protected virtual void Configure()
    {
    }

    public async Task DisposeAsync() => await Mesh.DisposeAsync();

    /// <summary>Sends the order-created webhook for a copy of the sample and waits until FbaMesh submitted it.</summary>
    public async Task SubmitAsync(string id, JsonObject order)
    {
        Mesh.Crystallize!.PutOrder(id, order);
        using var answer = await Mesh.Crystallize.SendOrderCreatedWebhookAsync(id, Mesh.Endpoints.GatewayWebhookUrl);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(OrderProgress.Submitted, (await Mesh.WaitForSettledAsync(id, MeshSettings.SettleTimeout)).Status);
    }

    /// <summary>One step of the order at Amazon (as POST /_emulator/fulfillment-orders/{id}/step).</summary>
    public void Step(string id, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(Mesh.SpApi!.Step(id), $"Amazon could not move {id} on (step {i + 1} of {times}).");
        }
    }

    public string? Meta(string id, string key) => MetaOf(Mesh.Crystallize!.Orders.Peek(id), key);

    public JsonArray Shipments(string id) => Meta(id, "fba-shipments") is { } json ? JsonNode.Parse(json)!.AsArray() : [];

    /// <summary>Waits until the Crystallize order's meta satisfies the condition (at most <see cref="Deadline"/>, or the given ceiling).</summary>
    public Task UntilMetaAsync(string id, Func<string?, JsonArray, bool> condition, string what, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(() => condition(Meta(id, "fba-status"), Shipments(id)), $"{what} on {id}", deadline ?? Deadline);

    /// <summary>fba-shipments holds exactly Amazon's shipped packages: carrier and tracking number of each.</summary>
    public void AssertShipmentsMatchAmazon(string id)
    {
        var atAmazon = Mesh.SpApi!.FulfillmentOrders.Single(o => o.SellerFulfillmentOrderId == id).Shipments
            .Where(s => s.Status == "SHIPPED").SelectMany(s => s.Packages).Select(p => $"{p.CarrierCode} {p.TrackingNumber}").Order(StringComparer.Ordinal).ToList();
        var written = Shipments(id).Select(p => $"{p!["carrier"]?.GetValue<string>()} {p["trackingNumber"]?.GetValue<string>()}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(atAmazon);
        Assert.All(atAmazon, p => Assert.DoesNotMatch(@" $", p));
        Assert.Equal(atAmazon, written);
    }

    /// <summary>Packages Amazon holds for the order (the emulator ships one package per shipment line).</summary>
    public int PackagesAtAmazon(string id) =>
        Mesh.SpApi!.FulfillmentOrders.Single(o => o.SellerFulfillmentOrderId == id).Shipments.Where(s => s.Status == "SHIPPED").Sum(s => s.Packages.Count);

    /// <summary>The tracker's meta writes on the order, oldest first: (fba-status, fba-shipments) of each updateOrder.</summary>
    public IReadOnlyList<(string? Status, string? Shipments)> TrackerWrites(string id) =>
        [.. (Mesh.Crystallize!.Orders.Writes(id) ?? [])
            .Where(w => w.Operation == "updateOrder")
            .Select(w => (MetaOf(w.Input, "fba-status"), MetaOf(w.Input, "fba-shipments")))
            .Where(w => w.Item1 is not null || w.Item2 is not null)];

    /// <summary>No change written twice: every tracker write differs from the one before it, and the final shipments were written once.</summary>
    public void AssertWrittenOnce(string id)
    {
        var writes = TrackerWrites(id);
        Assert.NotEmpty(writes);
        for (var i = 1; i < writes.Count; i++)
        {
            Assert.False(writes[i] == writes[i - 1], $"updateOrder {i} on {id} repeats the one before it: {writes[i]}.");
        }

        var final = Meta(id, "fba-shipments");
        Assert.Equal(1, writes.Count(w => w.Shipments == final && w.Status == Meta(id, "fba-status")));
    }

    public int Events(string topic, string id) =>
        Mesh.Sidecars.PublishedTo("fbamesh-pubsub", topic).Count(e => e.Json.Contains(id, StringComparison.Ordinal));

    /// <summary>POSTs one message to the tracker sidecar's queue feed and waits until the tracker handled it (2xx).</summary>
    public async Task FeedNotificationAsync(string body)
    {
        var feed = Mesh.Endpoints.Services[Tracker].BindingFeeds![NotificationBinding];
        using var http = new HttpClient();
        using var answer = await http.PostAsync(feed, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var messageId = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        await Eventually.UntilAsync(
            () => Mesh.Sidecars.BindingDeliveries().Any(d => d.Binding == NotificationBinding && d.MessageId == messageId && d.Handled),
            $"the tracker to handle fed notification {messageId}", Deadline);
    }

    public static string Notification(string id, string status, DateTimeOffset at)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["NotificationVersion"] = "1.0",
            ["NotificationType"] = "FULFILLMENT_ORDER_STATUS",
            ["PayloadVersion"] = "1.0",
            ["EventTime"] = time,
            ["Payload"] = new JsonObject
            {
                ["FulfillmentOrderStatusNotification"] = new JsonObject
                {
                    ["EventType"] = "Order",
                    ["StatusUpdatedDateTime"] = time,
                    ["SellerFulfillmentOrderId"] = id,
                    ["FulfillmentOrderStatus"] = status,
                },
            },
        }.ToJsonString();
    }

    private static string? MetaOf(JsonNode? holder, string key) =>
        holder?["meta"] is JsonArray meta
            ? meta.FirstOrDefault(m => m?["key"]?.GetValue<string>() == key)?["value"]?.GetValue<string>()
            : null;
}

/// <summary>Notifications off (the emulator's notification URL set to none) and the poll every 3 s.</summary>
public sealed class PollingMeshFixture : TrackingMeshFixture
{
    public const string PollEvery = "@every 3s";

    protected override IDictionary<string, string> CronSchedules
    {
        get
        {
            var schedules = MeshSettings.CronSchedules();
            schedules["fbamesh-tracking-poll"] = PollEvery;
            return schedules;
        }
    }

    protected override void Configure() => Mesh.SpApi!.Notifications.Url = null;
}
