using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Every order by its sellerFulfillmentOrderId. TryAdd is the single atomic step that decides between
/// "created" and "already exists", so two racing creates of one id can never both succeed.
/// </summary>
internal sealed class FulfillmentOrderStore
{
    private readonly ConcurrentDictionary<string, FulfillmentOrderRecord> byId = new(StringComparer.Ordinal);
    private long sequence;

    public long NextSequence() => Interlocked.Increment(ref sequence);

    public bool TryAdd(FulfillmentOrderRecord order) => byId.TryAdd(order.Id, order);

    public FulfillmentOrderRecord? Find(string id) => byId.TryGetValue(id, out var order) ? order : null;

    /// <summary>All orders in the order they were created.</summary>
    public IReadOnlyList<FulfillmentOrderRecord> All() => byId.Values.OrderBy(o => o.Sequence).ToArray();

    public void Clear() => byId.Clear();
}
