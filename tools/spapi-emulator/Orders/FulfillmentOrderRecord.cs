using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// A fulfillment order as Amazon holds it: the request as sent, its current (possibly updated) fields,
/// where it is on its way, its shipments and what became of each item. Mutations take the record's own
/// lock; orders never contend with each other.
/// </summary>
internal sealed class FulfillmentOrderRecord(string id, long sequence, string rawRequest, JsonObject order, DateTimeOffset receivedAt, IOrderWorld world)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public string RawRequest { get; } = rawRequest;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public IOrderWorld World { get; } = world;

    public Lock Gate { get; } = new();

    /// <summary>The W3C traceparent header of the create request, if any.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Current fields (request plus updates). Read and written under <see cref="Gate"/>.</summary>
    public JsonObject Order { get; set; } = order;

    public string Status { get; private set; } = FulfillmentStatus.Received;

    public DateTimeOffset StatusUpdatedAt { get; private set; } = receivedAt;

    /// <summary>When the order last took a step of its flow (a status or a shipment change); the clock counts from here.</summary>
    public DateTimeOffset LastMovedAt { get; set; } = receivedAt;

    /// <summary>Since when the order has been held; Amazon cancels a held order after <see cref="IOrderWorld.HoldLimit"/>.</summary>
    public DateTimeOffset HoldSince { get; set; } = receivedAt;

    public List<ShipmentRecord> Shipments { get; } = [];

    public Dictionary<string, int> CancelledQuantities { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> UnfulfillableQuantities { get; } = new(StringComparer.Ordinal);

    public bool IsOnHold => FulfillmentAction == "Hold";

    public string FulfillmentAction => Order["fulfillmentAction"]?.GetValue<string>() ?? "Ship";

    public IEnumerable<JsonObject> Items => (Order["items"]?.AsArray() ?? []).OfType<JsonObject>();

    /// <summary>Sets the order's status and tells the world (a FULFILLMENT_ORDER_STATUS notification).</summary>
    public void MoveTo(string status, DateTimeOffset at)
    {
        Status = status;
        StatusUpdatedAt = at;
        LastMovedAt = at;
        World.Publish(OrderEvent.ForOrder(this, at));
    }

    /// <summary>
    /// Catches up with the clock: a held order is cancelled once it has been held for the hold limit, and
    /// with a status step set, every whole step since the last move is one step of the flow. Call under the lock.
    /// </summary>
    public void Advance(DateTimeOffset now, TimeSpan? step)
    {
        if (IsOnHold && Status == FulfillmentStatus.Received && now - HoldSince >= World.HoldLimit)
        {
            OrderFlow.End(this, FulfillmentStatus.Cancelled, HoldSince + World.HoldLimit);
            return;
        }

        if (step is not { } s || s <= TimeSpan.Zero)
        {
            return;
        }

        while (!FulfillmentStatus.IsTerminal(Status) && !(IsOnHold && Status == FulfillmentStatus.Received) && now - LastMovedAt >= s)
        {
            OrderFlow.Step(this, LastMovedAt + s);
        }
    }
}
