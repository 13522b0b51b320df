using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Tracking;

internal sealed record VersionedTrackedOrder(TrackedOrder? Order, string? ETag);

/// <summary>
/// Tracked orders in fbamesh-state, every write conditional on the ETag that was read (first-write-wins),
/// so two feeds working on the same order at once cannot both move it forward unnoticed.
/// </summary>
internal sealed class TrackedOrderStore(DaprClient dapr, IOptions<TrackingOptions> options)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private string StoreName => options.Value.StoreName;

    public static string Key(string sellerFulfillmentOrderId) => $"tracked-{sellerFulfillmentOrderId}";

    /// <summary>Crystallize order id → seller fulfillment order id, for readers that know only the order.</summary>
    public static string OrderKey(string orderId) => $"tracked-order-{orderId}";

    public async Task<VersionedTrackedOrder> GetAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        var (order, etag) = await dapr.GetStateAndETagAsync<TrackedOrder>(
            StoreName, Key(sellerFulfillmentOrderId), ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return new VersionedTrackedOrder(order, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>Writes when the stored ETag still is <paramref name="etag"/> (null: only if absent); false on a conflict.</summary>
    public Task<bool> TrySaveAsync(TrackedOrder order, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(StoreName, Key(order.SellerFulfillmentOrderId), order, etag ?? "", FirstWrite, cancellationToken: cancellationToken);

    public async Task SaveOrderPointerAsync(string orderId, string sellerFulfillmentOrderId, CancellationToken cancellationToken) =>
        await dapr.SaveStateAsync(StoreName, OrderKey(orderId), sellerFulfillmentOrderId, cancellationToken: cancellationToken);

    public async Task<string?> GetOrderPointerAsync(string orderId, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<string?>(StoreName, OrderKey(orderId), cancellationToken: cancellationToken);
}
