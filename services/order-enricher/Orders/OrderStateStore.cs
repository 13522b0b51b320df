using Dapr.Client;
using FbaMesh.OrderEnricher.Orders.Index;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Orders;

/// <summary>A state read together with the ETag to write it back with; ETag null when there was none.</summary>
internal sealed record VersionedOrderState(OrderState? State, string? ETag);

/// <summary>
/// Order state in fbamesh-state at key order-{id}. Every write is conditional on the ETag that was read
/// (first-write-wins), so two deliveries of the same order cannot both move it forward unnoticed. This is
/// the one place order state is written, so the order index (lists, counts, timeline) is kept here too.
/// </summary>
internal sealed class OrderStateStore(DaprClient dapr, IOptions<OrderStateOptions> options, OrderIndex index)
{
    private readonly string storeName = options.Value.StoreName;

    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public static string Key(string orderId) => $"order-{orderId}";

    public async Task<VersionedOrderState> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var (state, etag) = await dapr.GetStateAndETagAsync<OrderState>(
            storeName, Key(orderId), ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return new VersionedOrderState(state, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>Writes when the stored ETag still is <paramref name="etag"/> (null: only if absent); false on a conflict.</summary>
    public async Task<bool> TrySaveAsync(OrderState state, string? etag, CancellationToken cancellationToken)
    {
        // Dapr's first-write on a key that does not exist yet: an empty ETag means "must not exist".
        if (!await dapr.TrySaveStateAsync(storeName, Key(state.OrderId), state, etag ?? "", FirstWrite, cancellationToken: cancellationToken))
        {
            return false;
        }

        await index.RecordAsync(state, cancellationToken);
        return true;
    }
}
