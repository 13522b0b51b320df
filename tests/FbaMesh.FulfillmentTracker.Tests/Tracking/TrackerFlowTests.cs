using System.Net;
using System.Text.Json;
using FbaMesh.Contracts;
using FbaMesh.FulfillmentTracker.Tests.Mesh;
using FbaMesh.Testing;
using static FbaMesh.FulfillmentTracker.Tests.Mesh.AmazonOrders;

namespace FbaMesh.FulfillmentTracker.Tests.Tracking;

/// <summary>The tracker over real sockets: its emulated sidecar, the Crystallize emulator, Amazon behind the submitter's reads.</summary>
public sealed class TrackerFlowTests : IAsyncLifetime
{
    private TrackerMesh mesh = null!;

    public async Task InitializeAsync() => mesh = await TrackerMesh.StartAsync(Settings());

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Tracking:Stages:Complete:PipelineId"] = "fulfilment",
        ["Tracking:Stages:Complete:StageId"] = "shipped",
        // Amazon's clock in these tests is in the past: the first poll looks back far enough to see it.
        ["Poll:FirstLookBack"] = "3650.00:00:00",
    };

    public async Task DisposeAsync() => await mesh.DisposeAsync();

    private async Task<string> SubmittedAsync(string status = "Received")
    {
        var id = mesh.NewCrystallizeOrder();
        mesh.Amazon.Set(Order(id, status, 0));
        await mesh.PublishSubmittedAsync(id);
        await mesh.UntilTrackedAsync(id);
        return id;
    }

    [Fact]
    public async Task A_shipment_notified_reaches_Crystallize_once_with_carrier_tracking_link_and_the_merchants_meta_kept()
    {
        var id = await SubmittedAsync();
        Assert.Equal("Received", mesh.Meta(id, "fba-status"));

        mesh.Amazon.Tracking[1] = new("https://www.swiship.com/track?id=TBA1", null);
        mesh.Amazon.Set(Order(id, "Complete", 60, Shipped("S1", Package(1, "AMZN_US", "TBA1"))));
        using var response = await mesh.NotifyAsync(id, T0.AddMinutes(60));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        var package = JsonDocument.Parse(mesh.Meta(id, "fba-shipments")!).RootElement[0];
        Assert.Equal("AMZN_US", package.GetProperty("carrier").GetString());
        Assert.Equal("TBA1", package.GetProperty("trackingNumber").GetString());
        Assert.Equal("https://www.swiship.com/track?id=TBA1", package.GetProperty("trackingLink").GetString());
        Assert.Equal("gift", mesh.Meta(id, "merchant-note"));
        Assert.Equal(["updateOrder", "updateOrder", "updateOrderPipelineStage"], mesh.Writes(id).Order());
        Assert.Equal("""[{"pipelineId":"fulfilment","stageId":"shipped"}]""", mesh.Crystallize.Orders.Peek(id)!["pipelines"]!.ToJsonString());
        Assert.Equal([$"{id}/shipped/S1"], mesh.EventIds(PubSub.FulfillmentShipped, id));
        Assert.Equal([$"{id}/completed"], mesh.EventIds(PubSub.FulfillmentCompleted, id));
        Assert.True((await mesh.TrackedAsync(id))!.Finished);
    }

    [Fact]
    public async Task The_same_change_notified_many_times_at_once_is_written_to_Crystallize_once()
    {
        // A lease longer than any look on a busy machine: with the mesh's 300 ms, a look still writing when its
        // lease ran out would be overtaken by a later one, which is the lease's purpose but not this test's.
        await mesh.DisposeAsync();
        var settings = Settings();
        settings["Tracking:Lease"] = "00:00:30";
        mesh = await TrackerMesh.StartAsync(settings);
        var id = await SubmittedAsync();
        mesh.Amazon.Set(Order(id, "Complete", 60, Shipped("S1", Package(1, "AMZN_US", "TBA1"))));

        // Side by side in one tracker process, as its feeds (queue, poll, pub/sub) run: one look holds the
        // order, the others are told to come back (the queue redelivers them).
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => mesh.NotifyAsync(id, T0.AddMinutes(60))));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        await Eventually.UntilAsync(async () =>
        {
            using var again = await mesh.NotifyAsync(id, T0.AddMinutes(60));
            return await mesh.TrackedAsync(id);
        }, tracked => tracked is { Finished: true }, $"order {id} finished");

        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        var writes = mesh.Crystallize.Orders.Writes(id)!;
        var changes = writes.Select(w => w.Operation + " " + w.Input?.ToJsonString()).ToList();
        Assert.Equal(changes.Distinct(StringComparer.Ordinal).Count(), changes.Count);
        Assert.Equal([$"{id}/completed"], mesh.EventIds(PubSub.FulfillmentCompleted, id));
    }

    [Fact]
    public async Task A_change_in_the_same_second_as_the_known_status_is_still_read_and_written()
    {
        var id = await SubmittedAsync();
        mesh.Amazon.Set(Order(id, "Processing", 30, Shipped("S1", Package(1, "UPS", "1Z1"))));
        (await mesh.NotifyAsync(id, T0.AddMinutes(30))).EnsureSuccessStatusCode();
        Assert.Equal("Processing", mesh.Meta(id, "fba-status"));

        mesh.Amazon.Set(Order(id, "Complete", 30, Shipped("S1", Package(1, "UPS", "1Z1"))));
        (await mesh.NotifyAsync(id, T0.AddMinutes(30))).EnsureSuccessStatusCode();

        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        Assert.Single(mesh.EventIds(PubSub.FulfillmentCompleted, id));
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_write_nothing_again_and_a_finished_order_is_not_read_again()
    {
        var id = await SubmittedAsync();
        mesh.Amazon.Set(Order(id, "Processing", 30, Shipped("S1", Package(1, "UPS", "1Z1"))));
        (await mesh.NotifyAsync(id, T0.AddMinutes(30))).EnsureSuccessStatusCode();
        var writes = mesh.Writes(id).Count;
        var reads = mesh.Amazon.GetCalls;

        // The same notification again (read, since a second change may share its second: nothing written),
        // and an older one arriving late (not even read).
        (await mesh.NotifyAsync(id, T0.AddMinutes(30))).EnsureSuccessStatusCode();
        Assert.Equal(writes, mesh.Writes(id).Count);
        reads = mesh.Amazon.GetCalls;
        (await mesh.NotifyAsync(id, T0.AddMinutes(10))).EnsureSuccessStatusCode();
        Assert.Equal(reads, mesh.Amazon.GetCalls);
        Assert.Equal(writes, mesh.Writes(id).Count);

        // Amazon's later news arrives before its earlier one: the earlier read changes nothing back.
        mesh.Amazon.Set(Order(id, "Complete", 50, Shipped("S1", Package(1, "UPS", "1Z1"))));
        (await mesh.NotifyAsync(id, T0.AddMinutes(50))).EnsureSuccessStatusCode();
        mesh.Amazon.Set(Order(id, "Processing", 40, Shipped("S1", Package(1, "UPS", "1Z1"))));
        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        (await mesh.NotifyAsync(id, T0.AddMinutes(40))).EnsureSuccessStatusCode();
        (await mesh.NotifyAsync(id, T0.AddMinutes(70))).EnsureSuccessStatusCode();

        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        Assert.Single(mesh.EventIds(PubSub.FulfillmentShipped, id));
        Assert.Single(mesh.EventIds(PubSub.FulfillmentCompleted, id));
        Assert.True((await mesh.TrackedAsync(id))!.Finished);
    }

    [Fact]
    public async Task Without_notifications_the_poll_finds_every_changed_order_page_by_page()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SubmittedAsync());
        }

        foreach (var id in ids)
        {
            mesh.Amazon.Set(Order(id, "Complete", 90, Shipped("S-" + id, Package(7, "USPS", "9400" + id[..6]))));
        }

        using var response = await mesh.PollAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, report.GetProperty("pages").GetInt32());
        Assert.All(ids, id => Assert.Contains("9400" + id[..6], mesh.Meta(id, "fba-shipments"), StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Equal("Complete", mesh.Meta(id, "fba-status")));

        // The next poll starts from the stored watermark: the same changes cost no second write.
        var writes = ids.Sum(id => mesh.Writes(id).Count);
        (await mesh.PollAsync()).EnsureSuccessStatusCode();
        Assert.Equal(writes, ids.Sum(id => mesh.Writes(id).Count));
    }

    [Fact]
    public async Task An_unfulfillable_order_is_written_and_announced_and_tracking_stops()
    {
        var id = await SubmittedAsync();
        mesh.Amazon.Set(Order(id, "Unfulfillable", 20));

        (await mesh.NotifyAsync(id, T0.AddMinutes(20))).EnsureSuccessStatusCode();

        Assert.Equal("Unfulfillable", mesh.Meta(id, "fba-status"));
        Assert.Null(mesh.Meta(id, "fba-shipments"));
        Assert.Equal([$"{id}/unfulfillable"], mesh.EventIds(PubSub.FulfillmentUnfulfillable, id));
        Assert.True((await mesh.TrackedAsync(id))!.Finished);
    }

    [Fact]
    public async Task While_the_submitter_is_unreachable_the_notification_stays_on_the_queue_and_nothing_is_written()
    {
        var id = await SubmittedAsync();
        var writes = mesh.Writes(id).Count;
        mesh.Amazon.Set(Order(id, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1"))));
        mesh.Amazon.Down = true;

        using var refused = await mesh.NotifyAsync(id, T0.AddMinutes(20));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(writes, mesh.Writes(id).Count);

        mesh.Amazon.Down = false;
        using var redelivered = await mesh.NotifyAsync(id, T0.AddMinutes(20));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
    }

    [Fact]
    public async Task A_crystallize_outage_mid_way_is_finished_by_the_next_look_writing_each_change_once()
    {
        var id = await SubmittedAsync();
        using var admin = new HttpClient { BaseAddress = mesh.Crystallize.BaseAddress };
        (await admin.PostAsync("_emulator/faults", new StringContent($$"""{"status":503,"orderId":"{{id}}"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        mesh.Amazon.Set(Order(id, "Complete", 20, Shipped("S1", Package(1, "UPS", "1Z1"))));

        using var refused = await mesh.NotifyAsync(id, T0.AddMinutes(20));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Received", mesh.Meta(id, "fba-status"));

        (await admin.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();
        // The tracker was killed as well: a new instance (another worker) waits out the old one's lease.
        await mesh.StopTrackerAsync();
        await mesh.StartTrackerAsync();
        await Eventually.UntilAsync(async () => (await mesh.NotifyAsync(id, T0.AddMinutes(20))).IsSuccessStatusCode, "the redelivered notification accepted");

        Assert.Equal("Complete", mesh.Meta(id, "fba-status"));
        Assert.Equal(1, mesh.Writes(id).Count(w => w == "updateOrderPipelineStage"));
        Assert.Equal(2, mesh.Writes(id).Count(w => w == "updateOrder"));
        Assert.Single(mesh.EventIds(PubSub.FulfillmentCompleted, id));
    }

    [Fact]
    public async Task A_notification_for_an_order_FbaMesh_did_not_submit_is_acknowledged_and_ignored()
    {
        var reads = mesh.Amazon.GetCalls;

        using var response = await mesh.NotifyAsync("someone-elses-order", T0);
        using var garbage = await mesh.DeliverAsync("fbamesh-amazon-notifications", "not json at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal(reads, mesh.Amazon.GetCalls);
        Assert.Null(await mesh.TrackedAsync("someone-elses-order"));
    }
}
