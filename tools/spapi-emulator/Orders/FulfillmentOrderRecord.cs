using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// A fulfillment order as Amazon holds it: the request as sent, its current (possibly updated) fields and
/// where it is on its way. Mutations take the record's own lock; orders never contend with each other.
/// </summary>
internal sealed class FulfillmentOrderRecord(string id, long sequence, string rawRequest, JsonObject order, DateTimeOffset receivedAt)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public string RawRequest { get; } = rawRequest;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public Lock Gate { get; } = new();

    /// <summary>The W3C traceparent header of the create request, if any.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Current fields (request plus updates). Read and written under <see cref="Gate"/>.</summary>
    public JsonObject Order { get; set; } = order;

    public string Status { get; set; } = FulfillmentStatus.Received;

    public DateTimeOffset StatusUpdatedAt { get; set; } = receivedAt;

    public bool IsOnHold => Order["fulfillmentAction"]?.GetValue<string>() == "Hold";

    /// <summary>Moves the order along its path by whole clock steps; a held order waits in Received.</summary>
    public void Advance(DateTimeOffset now, TimeSpan? step)
    {
        if (step is not { } s || s <= TimeSpan.Zero)
        {
            return;
        }

        while (!FulfillmentStatus.IsTerminal(Status) && !(IsOnHold && Status == FulfillmentStatus.Received) && now - StatusUpdatedAt >= s)
        {
            var index = FulfillmentStatus.Path.ToList().IndexOf(Status);
            Status = FulfillmentStatus.Path[index + 1];
            StatusUpdatedAt += s;
        }
    }
}
