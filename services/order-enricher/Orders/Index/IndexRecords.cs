namespace FbaMesh.OrderEnricher.Orders.Index;

/// <summary>
/// One order as the index lists it: what a list row shows and what a change is measured against. The
/// status is kept by name, so statuses added later index without a change here.
/// </summary>
internal sealed record IndexedOrder(
    string OrderId,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ChangedAt,
    string? ReasonCode,
    int OperatorRetries,
    string? SellerFulfillmentOrderId)
{
    public static IndexedOrder From(OrderState state) => new(
        state.OrderId,
        state.Status.ToString(),
        state.ReceivedAt,
        state.UpdatedAt,
        state.ReasonCode,
        state.OperatorRetries,
        state.SellerFulfillmentOrderId);

    /// <summary>True when a list would show the same row (a claim that only counts an attempt is not a change).</summary>
    public bool ListsLike(IndexedOrder other) => this with { ChangedAt = other.ChangedAt } == other;
}

/// <summary>The orders of one shard received in one UTC hour. Revision grows with every write.</summary>
internal sealed record IndexBucket
{
    public long Revision { get; init; }

    public List<IndexedOrder> Orders { get; init; } = [];
}

/// <summary>How many orders of one shard and hour are in each status, as of a bucket revision.</summary>
internal sealed record HourCounts
{
    public long Revision { get; init; }

    public Dictionary<string, int> Statuses { get; init; } = [];
}

/// <summary>A shard's hours that hold orders, each with its counts: the directory the list pages through.</summary>
internal sealed record IndexSummary
{
    public Dictionary<string, HourCounts> Hours { get; init; } = [];
}

/// <summary>An orders.received event the enricher dropped (dead-lettered) after recording the order Failed.</summary>
internal sealed record DeadLetter(string OrderId, DateTimeOffset At, string? ReasonCode);

internal sealed record DeadLetterList
{
    public List<DeadLetter> Items { get; init; } = [];
}
