using FbaMesh.Crystallize.CoreApi;
using FbaMesh.FulfillmentTracker.Amazon;
using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>
/// Follows one order at Amazon. Every feed (fulfillment.submitted, a notification, the poll) only says
/// "look at this order"; what Amazon's getFulfillmentOrder answers is the truth. A look reads Amazon,
/// takes the news into the tracked order together with a lease (a conditional write: one worker per
/// order at a time), then settles: merges fba-status and fba-shipments into the Crystallize order's meta,
/// moves the order's pipeline stage when configured, publishes the decided events, and frees the order.
/// Each step is idempotent and re-run by the next look after a failure or a crash.
/// </summary>
internal sealed partial class OrderTracker(
    TrackedOrderStore store,
    IAmazonOrders amazon,
    CoreApiClient crystallize,
    ProgressPublisher publisher,
    IOptions<TrackingOptions> options,
    TimeProvider time,
    ILogger<OrderTracker> logger)
{
    /// <summary>fulfillment.submitted: start tracking (once) and take a first look.</summary>
    public async Task<RefreshOutcome> StartAsync(string orderId, string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        var (existing, _) = await store.GetAsync(sellerFulfillmentOrderId, cancellationToken);
        if (existing is null)
        {
            await store.SaveOrderPointerAsync(orderId, sellerFulfillmentOrderId, cancellationToken);
            var order = new TrackedOrder { OrderId = orderId, SellerFulfillmentOrderId = sellerFulfillmentOrderId, TrackedSince = time.GetUtcNow() };
            // A concurrent start of the same order wrote it first: fine, it is tracked.
            if (await store.TrySaveAsync(order, null, cancellationToken))
            {
                LogTrackingStarted(orderId, sellerFulfillmentOrderId);
            }
        }

        return await RefreshAsync(sellerFulfillmentOrderId, notifiedStatusUpdatedAt: null, cancellationToken);
    }

    /// <param name="notifiedStatusUpdatedAt">
    /// The status time a notification carried: when the order already holds a later one and everything is
    /// written, the notification came out of order, and Amazon is not asked. The same time is asked: Amazon's
    /// times have whole seconds, so two changes in one second (shipped and Complete) carry the same time.
    /// </param>
    public async Task<RefreshOutcome> RefreshAsync(string sellerFulfillmentOrderId, DateTimeOffset? notifiedStatusUpdatedAt, CancellationToken cancellationToken)
    {
        var (order, etag) = await store.GetAsync(sellerFulfillmentOrderId, cancellationToken);
        if (order is null)
        {
            return RefreshOutcome.NotTracked;
        }

        if (order.Finished)
        {
            return RefreshOutcome.Unchanged;
        }

        // Each look is its own worker: the tracker is one instance per process and its feeds run side by
        // side, so a lease held by this process is as binding as one held by another replica.
        var worker = Guid.NewGuid().ToString("n");
        var now = time.GetUtcNow();
        if (order.LeaseUntil is { } until && until > now)
        {
            LogLeased(order.OrderId);
            return RefreshOutcome.Retry;
        }

        if (notifiedStatusUpdatedAt is { } notified && order.StatusUpdatedAt is { } known && notified < known && IsSettled(order))
        {
            LogAlreadyKnown(order.OrderId, order.AmazonStatus);
            return RefreshOutcome.Unchanged;
        }

        AmazonOrder? read;
        try
        {
            read = await amazon.GetOrderAsync(sellerFulfillmentOrderId, cancellationToken);
        }
        catch (AmazonUnavailableException ex)
        {
            LogAmazonUnavailable(order.OrderId, ex.Message);
            return RefreshOutcome.Retry;
        }

        if (read is null)
        {
            // Amazon's reads lag its writes: a just-submitted order may not be readable yet.
            LogNotAtAmazon(order.OrderId);
            return RefreshOutcome.Retry;
        }

        var next = order;
        if (AmazonProgress.IsStale(order, read))
        {
            LogStaleRead(order.OrderId, read.Status);
        }
        else
        {
            var packages = await WithTrackingLinksAsync(order, AmazonProgress.Packages(order, read), cancellationToken);
            next = AmazonProgress.Apply(order, read, packages, now);
        }

        var changed = next.AmazonStatus != order.AmazonStatus
            || next.StatusUpdatedAt != order.StatusUpdatedAt
            || !next.Packages.SequenceEqual(order.Packages)
            || next.PendingEvents.Count != order.PendingEvents.Count;
        if (!changed && IsSettled(order))
        {
            return RefreshOutcome.Unchanged;
        }

        var leased = next with { LeaseUntil = now + options.Value.Lease, LeaseHolder = worker };
        if (!await store.TrySaveAsync(leased, etag, cancellationToken))
        {
            // Another feed or replica took the order between our read and our write: it settles it.
            LogConflict(order.OrderId);
            return RefreshOutcome.Retry;
        }

        return await SettleAsync(sellerFulfillmentOrderId, worker, cancellationToken);
    }

    /// <summary>Writes what the held order still needs; the order must be leased by this look.</summary>
    private async Task<RefreshOutcome> SettleAsync(string sellerFulfillmentOrderId, string worker, CancellationToken cancellationToken)
    {
        var (order, etag) = await store.GetAsync(sellerFulfillmentOrderId, cancellationToken);
        if (order is null || order.LeaseHolder != worker)
        {
            return RefreshOutcome.Retry;
        }

        var outcome = RefreshOutcome.Updated;
        var settled = await WriteToCrystallizeAsync(order, cancellationToken);
        if (settled is null)
        {
            outcome = RefreshOutcome.Retry;
            settled = order;
        }
        else
        {
            settled = await PublishAsync(settled, cancellationToken);
            if (settled.PendingEvents.Count > 0)
            {
                outcome = RefreshOutcome.Retry;
            }
        }

        var finished = AmazonStatuses.IsFinal(settled.AmazonStatus) && IsSettled(settled);
        var released = settled with { LeaseUntil = null, LeaseHolder = null, Finished = finished };
        if (!await store.TrySaveAsync(released, etag, cancellationToken))
        {
            // Our lease ran out and another worker took over: it finishes what is left.
            LogConflict(order.OrderId);
            return RefreshOutcome.Retry;
        }

        if (finished)
        {
            LogFinished(order.OrderId, settled.AmazonStatus);
        }

        return outcome;
    }

    /// <summary>The order with Crystallize's confirmed values, or null when Crystallize could not take them now.</summary>
    private async Task<TrackedOrder?> WriteToCrystallizeAsync(TrackedOrder order, CancellationToken cancellationToken)
    {
        var desired = ShipmentsMeta.Desired(order);
        desired.TryGetValue(ShipmentsMeta.StatusKey, out var status);
        desired.TryGetValue(ShipmentsMeta.ShipmentsKey, out var shipments);
        if (desired.Count > 0 && (status != order.WrittenStatus || shipments != order.WrittenShipments))
        {
            var meta = await crystallize.MergeMetaAsync(order.OrderId, desired, cancellationToken);
            switch (meta)
            {
                case CoreApiOutcome.Done:
                    order = order with { WrittenStatus = status, WrittenShipments = shipments };
                    break;
                case CoreApiOutcome.NotFound:
                    // The order was deleted in Crystallize: there is nothing to write to, now or later.
                    LogNotInCrystallize(order.OrderId);
                    order = order with { WrittenStatus = status, WrittenShipments = shipments };
                    break;
                case CoreApiOutcome.Failed failed:
                    LogCrystallizeFailed(order.OrderId, failed.Reason);
                    return null;
            }
        }

        if (StageFor(order) is { } target && $"{target.PipelineId}/{target.StageId}" is var stage && stage != order.WrittenStage)
        {
            var moved = await crystallize.MoveToStageAsync(order.OrderId, target.PipelineId, target.StageId, cancellationToken);
            if (moved is CoreApiOutcome.Failed failed)
            {
                LogCrystallizeFailed(order.OrderId, failed.Reason);
                return null;
            }

            order = order with { WrittenStage = stage };
        }

        return order;
    }

    private async Task<TrackedOrder> PublishAsync(TrackedOrder order, CancellationToken cancellationToken)
    {
        var published = order.PublishedEvents.ToList();
        var pending = order.PendingEvents.ToList();
        while (pending.Count > 0)
        {
            try
            {
                await publisher.PublishAsync(pending[0], cancellationToken);
            }
            catch (Exception ex) when (ex is Dapr.DaprException or Grpc.Core.RpcException or HttpRequestException)
            {
                LogPublishFailed(order.OrderId, pending[0].Topic, ex.GetType().Name);
                break;
            }

            LogPublished(order.OrderId, pending[0].Topic);
            published.Add(pending[0].Id);
            pending.RemoveAt(0);
        }

        return order with { PendingEvents = pending, PublishedEvents = published };
    }

    private async Task<IReadOnlyList<TrackedPackage>> WithTrackingLinksAsync(TrackedOrder order, IReadOnlyList<TrackedPackage> packages, CancellationToken cancellationToken)
    {
        if (!options.Value.ReadTrackingLinks)
        {
            return packages;
        }

        var result = new List<TrackedPackage>(packages.Count);
        foreach (var package in packages)
        {
            if (package.TrackingNumber is null || package.TrackingLink is not null || AmazonStatuses.IsCancelledShipment(package.ShipmentStatus))
            {
                result.Add(package);
                continue;
            }

            try
            {
                var tracking = await amazon.GetPackageTrackingAsync(package.PackageNumber, cancellationToken);
                result.Add(package with
                {
                    TrackingLink = string.IsNullOrWhiteSpace(tracking?.TrackingLink) ? null : tracking.TrackingLink,
                    EstimatedArrival = package.EstimatedArrival ?? tracking?.EstimatedArrival,
                });
            }
            catch (AmazonUnavailableException ex)
            {
                // The link is a nicety: the carrier and tracking number go to Crystallize without it.
                LogTrackingLinkUnavailable(order.OrderId, package.PackageNumber, ex.Message);
                result.Add(package);
            }
        }

        return result;
    }

    private StageTarget? StageFor(TrackedOrder order)
    {
        var stages = options.Value.Stages;
        if (order.AmazonStatus is { } status && stages.TryGetValue(status, out var byStatus))
        {
            return byStatus;
        }

        var shipped = order.Packages.Any(p => AmazonStatuses.Is(p.ShipmentStatus, AmazonStatuses.ShipmentShipped));
        return shipped && stages.TryGetValue("Shipped", out var onShipped) ? onShipped : null;
    }

    /// <summary>Crystallize holds what the order says and every decided event is out.</summary>
    private bool IsSettled(TrackedOrder order)
    {
        var desired = ShipmentsMeta.Desired(order);
        desired.TryGetValue(ShipmentsMeta.StatusKey, out var status);
        desired.TryGetValue(ShipmentsMeta.ShipmentsKey, out var shipments);
        var stage = StageFor(order) is { } target ? $"{target.PipelineId}/{target.StageId}" : order.WrittenStage;
        return status == order.WrittenStatus && shipments == order.WrittenShipments && stage == order.WrittenStage && order.PendingEvents.Count == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: tracking {SellerFulfillmentOrderId} at Amazon.")]
    private partial void LogTrackingStarted(string orderId, string sellerFulfillmentOrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: another worker holds it; trying again later.")]
    private partial void LogLeased(string orderId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId}: the notification is not newer than the known status {Status}; nothing to do.")]
    private partial void LogAlreadyKnown(string orderId, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Amazon could not be read through the submitter ({Reason}); trying again later.")]
    private partial void LogAmazonUnavailable(string orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Amazon does not know the order (yet); trying again later.")]
    private partial void LogNotAtAmazon(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: Amazon answered an older picture ({Status}) than the one known; kept the newer.")]
    private partial void LogStaleRead(string orderId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: changed by another worker meanwhile; it finishes the work.")]
    private partial void LogConflict(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: final at Amazon ({Status}) and written to Crystallize; tracking stops.")]
    private partial void LogFinished(string orderId, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Crystallize has no such order any more; nothing written.")]
    private partial void LogNotInCrystallize(string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: writing to Crystallize failed ({Reason}); trying again later.")]
    private partial void LogCrystallizeFailed(string orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: publishing to {Topic} failed ({Error}); trying again later.")]
    private partial void LogPublishFailed(string orderId, string topic, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: published {Topic}.")]
    private partial void LogPublished(string orderId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: no tracking link for package {PackageNumber} now ({Reason}).")]
    private partial void LogTrackingLinkUnavailable(string orderId, int packageNumber, string reason);
}
