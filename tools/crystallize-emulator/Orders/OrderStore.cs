using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// The orders the emulator holds, each as <c>order.get</c> returns it. Orders are kept as immutable
/// JSON so concurrent API reads never share mutable state.
/// </summary>
public sealed class OrderStore(TimeProvider time, OrderReadability defaults)
{
    private readonly ConcurrentDictionary<string, StoredOrder> _orders = new(StringComparer.Ordinal);

    public OrderReadability Defaults => defaults;

    public int Count => _orders.Count;

    public IReadOnlyCollection<string> Ids => [.. _orders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Stores (or replaces) an order; its readability clock starts now.</summary>
    public void Put(string id, JsonObject order, OrderReadability? readability = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!OrderId.IsValid(id))
        {
            throw new ArgumentException($"\"{id}\" is not an order id (24 lowercase hexadecimal characters).", nameof(id));
        }

        if (order["id"] is { } bodyId && (bodyId.GetValueKind() != JsonValueKind.String || bodyId.GetValue<string>() != id))
        {
            throw new ArgumentException($"The order's \"id\" does not match \"{id}\".", nameof(order));
        }

        var copy = order.DeepClone().AsObject();
        copy["id"] = id;
        var element = JsonSerializer.SerializeToElement(copy);
        _orders[id] = new StoredOrder(element, readability ?? defaults, time.GetUtcNow());
    }

    /// <summary>The stored order regardless of readability, without counting a read.</summary>
    public JsonObject? Peek(string id) =>
        _orders.TryGetValue(id, out var stored) ? JsonNode.Parse(stored.Order.GetRawText())!.AsObject() : null;

    internal JsonElement? PeekElement(string id) => _orders.TryGetValue(id, out var stored) ? stored.Order : null;

    /// <summary>An API read: counts toward readability and answers null while the order is not readable.</summary>
    public JsonElement? Read(string id)
    {
        if (!_orders.TryGetValue(id, out var stored))
        {
            return null;
        }

        var readsBefore = Interlocked.Increment(ref stored.Reads) - 1;
        var readable = readsBefore >= stored.Readability.ReadableAfterReads
            && time.GetUtcNow() - stored.StoredAt >= stored.Readability.ReadableAfter;
        return readable ? stored.Order : null;
    }

    public bool Remove(string id) => _orders.TryRemove(id, out _);

    private sealed class StoredOrder(JsonElement order, OrderReadability readability, DateTimeOffset storedAt)
    {
        public JsonElement Order { get; } = order;

        public OrderReadability Readability { get; } = readability;

        public DateTimeOffset StoredAt { get; } = storedAt;

#pragma warning disable CA1051 // Interlocked needs a field.
        public int Reads;
#pragma warning restore CA1051
    }
}
