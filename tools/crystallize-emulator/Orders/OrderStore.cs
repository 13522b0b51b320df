using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// The orders the emulator holds, each as <c>order.get</c> returns it. Orders are kept as immutable
/// JSON so concurrent API reads never share mutable state; a mutation swaps in a new document and
/// records itself in the order's write log, so tests can prove a change was written once.
/// </summary>
public sealed class OrderStore(TimeProvider time, OrderReadability defaults)
{
    private readonly ConcurrentDictionary<string, StoredOrder> orders = new(StringComparer.Ordinal);

    public OrderReadability Defaults => defaults;

    public int Count => this.orders.Count;

    public IReadOnlyCollection<string> Ids => [.. this.orders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Stores (or replaces) an order; its readability clock starts now and its write log is empty.</summary>
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
        this.orders[id] = new StoredOrder(JsonSerializer.SerializeToElement(copy), readability ?? defaults, time.GetUtcNow());
    }

    /// <summary>The stored order regardless of readability, without counting a read.</summary>
    public JsonObject? Peek(string id) =>
        this.orders.TryGetValue(id, out var stored) ? JsonNode.Parse(stored.Order.GetRawText())!.AsObject() : null;

    internal JsonElement? PeekElement(string id) => this.orders.TryGetValue(id, out var stored) ? stored.Order : null;

    /// <summary>An Order API read: counts toward readability and answers null while the order is not readable.</summary>
    public JsonElement? Read(string id)
    {
        if (!this.orders.TryGetValue(id, out var stored))
        {
            return null;
        }

        var readsBefore = Interlocked.Increment(ref stored.Reads) - 1;
        var readable = readsBefore >= stored.Readability.ReadableAfterReads
            && time.GetUtcNow() - stored.StoredAt >= stored.Readability.ReadableAfter;
        return readable ? stored.Order : null;
    }

    /// <summary>One order as the Core API sees it (no readability, no read counted), or null.</summary>
    public OrderSnapshot? Find(string id) => this.orders.TryGetValue(id, out var stored) ? stored.Snapshot(id) : null;

    /// <summary>Every order, oldest first (creation time, then id): the order the orders connection pages in.</summary>
    public IReadOnlyList<OrderSnapshot> All() =>
        [.. this.orders.Select(pair => pair.Value.Snapshot(pair.Key)).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Changes an order atomically: <paramref name="change"/> edits a copy, which replaces the stored
    /// document with <c>updatedAt</c> set to now, and the write is logged. Null when there is no such order.
    /// </summary>
    public OrderSnapshot? Update(string id, string operation, JsonNode? input, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!this.orders.TryGetValue(id, out var stored))
        {
            return null;
        }

        lock (stored)
        {
            var now = time.GetUtcNow();
            var copy = JsonNode.Parse(stored.Order.GetRawText())!.AsObject();
            change(copy);
            copy["updatedAt"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            stored.Order = JsonSerializer.SerializeToElement(copy);
            stored.Writes.Add(new OrderWrite(now, operation, input?.DeepClone()));
            return stored.Snapshot(id);
        }
    }

    /// <summary>The writes made to an order since it was stored, oldest first; null when there is no such order.</summary>
    public IReadOnlyList<OrderWrite>? Writes(string id)
    {
        if (!this.orders.TryGetValue(id, out var stored))
        {
            return null;
        }

        lock (stored)
        {
            return [.. stored.Writes];
        }
    }

    public bool Remove(string id) => this.orders.TryRemove(id, out _);

    internal static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private sealed class StoredOrder(JsonElement order, OrderReadability readability, DateTimeOffset storedAt)
    {
        private JsonElement order = order;

        public JsonElement Order
        {
            get => this.order;
            set => this.order = value;
        }

        public OrderReadability Readability { get; } = readability;

        public DateTimeOffset StoredAt { get; } = storedAt;

        public List<OrderWrite> Writes { get; } = [];

#pragma warning disable CA1051 // Interlocked needs a field.
        public int Reads;
#pragma warning restore CA1051

        // An order without a readable createdAt (a bare PUT) counts as created when it was stored.
        public OrderSnapshot Snapshot(string id)
        {
            var current = Order;
            var createdAt = current.TryGetProperty("createdAt", out var created) && created.ValueKind == JsonValueKind.String
                ? ParseTime(created.GetString()!) ?? StoredAt
                : StoredAt;
            return new OrderSnapshot(id, current, createdAt);
        }
    }
}

/// <summary>An order as stored at one moment, with the creation time the orders connection filters on.</summary>
public sealed record OrderSnapshot(string Id, JsonElement Json, DateTimeOffset CreatedAt);

/// <summary>One mutation applied to an order: when, which operation, and the input it carried.</summary>
public sealed record OrderWrite(DateTimeOffset Time, string Operation, JsonNode? Input);
