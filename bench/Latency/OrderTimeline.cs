using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Latency;

/// <summary>
/// One order's way through the mesh from timestamps taken on one clock (every observer is in this
/// process): the webhook sent and answered (here), the event published (Dapr emulator PublishedAt),
/// the order read (Crystallize emulator request log, stamped when the answer is written), the
/// create received (SP-API emulator ReceivedAt).
/// </summary>
public sealed record OrderTimeline(double AckMs, double PublishMs, double DeliveryAndFetchMs, double SubmitMs, double TotalMs)
{
    // The gateway derives the CloudEvent id from the order id (DESIGN §5); its helper is internal.
    private const string CloudEventIdPrefix = "crystallize-order-created-";

    public static async Task<OrderTimeline> MeasureAsync(Mesh mesh, WebhookSender sender, BenchOrder order, TimeSpan timeout, CancellationToken ct)
    {
        var createsBefore = mesh.SpApi!.Stats.Creates;
        var sent = DateTimeOffset.UtcNow;
        var acked = await sender.SendAsync(order, ct);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (mesh.SpApi.Stats.Creates == createsBefore)
        {
            // Polling at 1 ms costs the machine a little; it keeps the wait from adding to the figures.
            await Task.Delay(1, deadline.Token);
        }

        var received = mesh.SpApi.FulfillmentOrders.Single(o => o.SellerFulfillmentOrderId == order.Id).ReceivedAt;
        var eventId = CloudEventIdPrefix + order.Id;
        var published = mesh.Sidecars.PublishedTo("fbamesh-pubsub", "orders.received").Last(e => e.Id == eventId).PublishedAt;
        var fetched = mesh.Crystallize!.Requests.Snapshot().Last(r => r.OrderIds.Contains(order.Id) && r.Status == 200).Time;
        return new OrderTimeline(
            Ms(acked - sent), Ms(published - sent), Ms(fetched - published), Ms(received - fetched), Ms(received - sent));
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);
}
