namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>
/// What the tracker keeps per order in fbamesh-state (key tracked-{sellerFulfillmentOrderId}): Amazon's
/// last picture, what Crystallize was last confirmed to hold, and the events still to publish. Ids,
/// statuses and tracking only: no personal data.
/// </summary>
internal sealed record TrackedOrder
{
    public required string OrderId { get; init; }

    public required string SellerFulfillmentOrderId { get; init; }

    public required DateTimeOffset TrackedSince { get; init; }

    /// <summary>Amazon's fulfillmentOrderStatus at the last read; null before the first read.</summary>
    public string? AmazonStatus { get; init; }

    /// <summary>Amazon's statusUpdatedDate at the last read: orders duplicate and out-of-order news.</summary>
    public DateTimeOffset? StatusUpdatedAt { get; init; }

    /// <summary>Every package of every shipment Amazon reported, cancelled shipments included.</summary>
    public IReadOnlyList<TrackedPackage> Packages { get; init; } = [];

    public DateTimeOffset? LastReadAt { get; init; }

    /// <summary>The fba-status value Crystallize is known to hold.</summary>
    public string? WrittenStatus { get; init; }

    /// <summary>The fba-shipments value Crystallize is known to hold.</summary>
    public string? WrittenShipments { get; init; }

    /// <summary>"pipelineId/stageId" the order was last moved to.</summary>
    public string? WrittenStage { get; init; }

    /// <summary>Events decided but not yet published (published ones move to <see cref="PublishedEvents"/>).</summary>
    public IReadOnlyList<PendingEvent> PendingEvents { get; init; } = [];

    /// <summary>The ids of the events published, so a change is announced once.</summary>
    public IReadOnlyList<string> PublishedEvents { get; init; } = [];

    /// <summary>Amazon will not change the order any more and everything is written: tracking has stopped.</summary>
    public bool Finished { get; init; }

    /// <summary>
    /// A worker is writing this order's change to Crystallize until then; others leave it alone, so two
    /// feeds (or two replicas) never write the same change twice. A crashed worker's lease runs out.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public string? LeaseHolder { get; init; }
}

/// <summary>One package of one shipment, as Amazon reported it.</summary>
internal sealed record TrackedPackage(
    string AmazonShipmentId,
    string ShipmentStatus,
    int PackageNumber,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingLink,
    DateTimeOffset? EstimatedArrival,
    DateTimeOffset? ShippedAt);

/// <summary>An event to publish: its topic, a stable id (the CloudEvent id) and the protobuf JSON body.</summary>
internal sealed record PendingEvent(string Topic, string Id, string Json);
