using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.OrderEnricher.Pipeline;

namespace FbaMesh.OrderEnricher.Fulfillment;

/// <summary>Which of the tracker's topics an event came on.</summary>
internal enum ProgressKind
{
    Shipped,
    Completed,
    Cancelled,
    Unfulfillable,
}

/// <summary>
/// Records Amazon's progress after submission, as the fulfillment-tracker publishes it, in the order's
/// state (Shipped, Completed, Cancelled; Unfulfillable is Failed with reason amazon-unfulfillable) and
/// each package with its carrier and tracking in the order's timeline. A status only moves forward, so
/// duplicate and out-of-order events change nothing; an order this enricher has not recorded as submitted
/// yet (the tracker can be quicker than the final state write) is asked for again later.
/// </summary>
internal sealed partial class FulfillmentProgressRecorder(OrderStateStore store, OrderIndex index, TimeProvider time, ILogger<FulfillmentProgressRecorder> logger)
{
    public const string Unfulfillable = "amazon-unfulfillable";
    private const int MaxConflictRetries = 5;

    public async Task<DeliveryDecision> RecordAsync(ProgressKind kind, FulfillmentProgress progress, CancellationToken cancellationToken)
    {
        var orderId = progress.OrderId;
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var (state, etag) = await store.GetAsync(orderId, cancellationToken);
            if (state is null)
            {
                LogUnknown(orderId, kind);
                return DeliveryDecision.Success; // not an order of this mesh: nothing to record
            }

            if (Rank(state.Status) < Rank(OrderStatus.Submitted))
            {
                return DeliveryDecision.Retry; // the Submitted state is not written yet
            }

            await index.AddToTimelineAsync(orderId, Packages(progress), cancellationToken);
            var (status, reason, message) = kind switch
            {
                ProgressKind.Shipped => (OrderStatus.Shipped, null, null),
                ProgressKind.Completed => (OrderStatus.Completed, null, null),
                ProgressKind.Cancelled => (OrderStatus.Cancelled, null, null),
                _ => (OrderStatus.Failed, Unfulfillable, $"Amazon cannot fulfil the order (status {progress.AmazonStatus})."),
            };
            if (Rank(status) <= Rank(state.Status))
            {
                return DeliveryDecision.Success; // a duplicate, or news older than what is recorded
            }

            var next = state with { Status = status, ReasonCode = reason, ReasonMessage = message, UpdatedAt = time.GetUtcNow() };
            if (await store.TrySaveAsync(next, etag, cancellationToken))
            {
                LogRecorded(orderId, status);
                return DeliveryDecision.Success;
            }
        }

        return DeliveryDecision.Retry;
    }

    private static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Submitted => 1,
        OrderStatus.Shipped => 2,
        OrderStatus.Completed or OrderStatus.Cancelled => 3,
        OrderStatus.Failed => 3,
        _ => 0,
    };

    private static List<TimelineEntry> Packages(FulfillmentProgress progress) =>
    [
        .. progress.Shipments
            .Where(s => s.ShipmentStatus is "SHIPPED" || !string.IsNullOrEmpty(s.TrackingNumber))
            .Select(s => new TimelineEntry(
                (s.ShippedAt ?? progress.StatusUpdatedAt ?? progress.ObservedAt)?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
                "shipment",
                $"Package {s.PackageNumber} of shipment {s.AmazonShipmentId} {(s.ShipmentStatus is "SHIPPED" ? "shipped" : s.ShipmentStatus.ToLowerInvariant())}.",
                Reference: string.IsNullOrEmpty(s.TrackingNumber) ? null : s.TrackingNumber,
                Carrier: string.IsNullOrEmpty(s.Carrier) ? null : s.Carrier,
                TrackingUrl: string.IsNullOrEmpty(s.TrackingLink) ? null : s.TrackingLink)),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: Amazon progress recorded, now {Status}.")]
    private partial void LogRecorded(string orderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: {Kind} event for an order this enricher has no record of; ignored.")]
    private partial void LogUnknown(string orderId, ProgressKind kind);
}
