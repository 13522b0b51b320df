using Dapr;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Redrive;
using FbaMesh.OrderEnricher.Submitter;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>
/// Records how a delivery ended: the order's state, the fulfillment.* event and the metric. The event is
/// published before the final state is written, so a crash in between repeats the event (at least once)
/// rather than losing it; a repeated submit is answered ALREADY_EXISTS by the submitter.
/// </summary>
internal sealed partial class OrderOutcomes(
    OrderClaims claims,
    FulfillmentEvents events,
    EnricherMetrics metrics,
    RedriveSchedule schedule,
    DueOrderIndex dueOrders,
    TimeProvider time,
    ILogger<OrderOutcomes> logger)
{
    public void NoWork(string orderId, DeliveryDecision decision)
    {
        metrics.OrderHandled(decision == DeliveryDecision.Success ? "duplicate" : "busy", null);
        LogNoWork(orderId, decision);
    }

    public async Task<DeliveryDecision> SubmittedAsync(OrderClaim claim, SubmitResult.Accepted accepted, CancellationToken cancellationToken)
    {
        var orderId = claim.State.OrderId;
        if (!await TryPublishAsync(orderId, () => events.PublishSubmittedAsync(orderId, accepted.SellerFulfillmentOrderId, accepted.Outcome, cancellationToken)))
        {
            // Amazon has it; the redelivery resubmits (ALREADY_EXISTS) and publishes again.
            return await WaitAsync(claim, ReasonCodes.EventPublishFailed, $"Submitted ({accepted.Outcome}) but {PubSub.FulfillmentSubmitted} could not be published.", cancellationToken);
        }

        var decision = await FinishAsync(claim, OrderStatus.Submitted, null, null, DeliveryDecision.Success, accepted.Outcome, cancellationToken);
        metrics.OrderHandled("submitted", accepted.Outcome);
        LogSubmitted(orderId, accepted.SellerFulfillmentOrderId, accepted.Outcome);
        return decision;
    }

    public async Task<DeliveryDecision> SkipAsync(OrderClaim claim, string reasonCode, string message, CancellationToken cancellationToken)
    {
        var decision = await FinishAsync(claim, OrderStatus.Skipped, reasonCode, message, DeliveryDecision.Success, null, cancellationToken);
        metrics.OrderHandled("skipped", reasonCode);
        LogSkipped(claim.State.OrderId, reasonCode);
        return decision;
    }

    public Task<DeliveryDecision> FailAsync(OrderClaim claim, string reasonCode, string message, CancellationToken cancellationToken) =>
        FailAsync(claim, reasonCode, message, mayWait: true, cancellationToken);

    /// <summary>
    /// Transient trouble: the order parks as Waiting (reason, next attempt) and the event is acknowledged,
    /// so a waiting order never holds up the others; the redrive scheduler sends it again when it is due.
    /// Past the horizon it is Failed gave-up-after-horizon instead.
    /// </summary>
    public async Task<DeliveryDecision> WaitAsync(OrderClaim claim, string reasonCode, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = claim.State.WaitingSince ?? now;
        if (schedule.IsPastHorizon(since, now))
        {
            return await FailAsync(
                claim, ReasonCodes.GaveUpAfterHorizon, $"Still not through after {schedule.Horizon} of waiting. Last: {reasonCode}: {message}", mayWait: false, cancellationToken);
        }

        // The index entry first: if the state write then fails, the entry is stale and harmless; the other
        // way round an order could wait with nothing to wake it.
        var due = schedule.NextAttempt(claim.State.Attempts, since, now);
        await dueOrders.AddAsync(claim.State.OrderId, due, cancellationToken);

        // The claim is released, so any delivery (the redrive, a duplicate event) may claim the order at once.
        var next = claim.State with
        {
            Status = OrderStatus.Waiting,
            ReasonCode = reasonCode,
            ReasonMessage = message,
            ClaimedBy = null,
            UpdatedAt = now,
            NextAttemptAt = due,
            WaitingSince = since,
        };
        var conflict = await claims.ReleaseAsync(claim, next, cancellationToken);
        metrics.OrderHandled("waiting", reasonCode);
        LogWaiting(claim.State.OrderId, reasonCode, claim.State.Attempts, due, message);
        return conflict ?? DeliveryDecision.Success;
    }

    private async Task<DeliveryDecision> FailAsync(OrderClaim claim, string reasonCode, string message, bool mayWait, CancellationToken cancellationToken)
    {
        var orderId = claim.State.OrderId;
        var published = await TryPublishAsync(orderId, () => events.PublishFailedAsync(orderId, reasonCode, message, cancellationToken));
        if (!published && mayWait)
        {
            return await WaitAsync(claim, ReasonCodes.EventPublishFailed, $"{reasonCode}, but {PubSub.FulfillmentFailed} could not be published.", cancellationToken);
        }

        var decision = await FinishAsync(claim, OrderStatus.Failed, reasonCode, message, DeliveryDecision.Drop, null, cancellationToken);
        metrics.OrderHandled("failed", reasonCode);
        LogFailed(orderId, reasonCode, message);
        return decision;
    }

    private async Task<DeliveryDecision> FinishAsync(
        OrderClaim claim, OrderStatus status, string? reasonCode, string? message, DeliveryDecision onSaved, string? submitOutcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = claim.State with
        {
            Status = status,
            ReasonCode = reasonCode,
            ReasonMessage = message,
            SubmitOutcome = submitOutcome,
            NextAttemptAt = null,
            UpdatedAt = now,
            CompletedAt = now,
        };
        return await claims.ReleaseAsync(claim, next, cancellationToken) ?? onSaved;
    }

    private async Task<bool> TryPublishAsync(string orderId, Func<Task> publish)
    {
        try
        {
            await publish();
            return true;
        }
        catch (DaprException ex)
        {
            LogPublishFailed(orderId, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: nothing to do now ({Decision}); it is final or another delivery holds it.")]
    private partial void LogNoWork(string orderId, DeliveryDecision decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} submitted as {SellerFulfillmentOrderId} ({Outcome}).")]
    private partial void LogSubmitted(string orderId, string sellerFulfillmentOrderId, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} skipped: {ReasonCode}.")]
    private partial void LogSkipped(string orderId, string reasonCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} failed: {ReasonCode}. {ReasonMessage}")]
    private partial void LogFailed(string orderId, string reasonCode, string reasonMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} waits ({ReasonCode}) after attempt {Attempt}, next at {NextAttemptAt:O}: {ReasonMessage}")]
    private partial void LogWaiting(string orderId, string reasonCode, int attempt, DateTimeOffset nextAttemptAt, string reasonMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: publishing its outcome event failed ({Error}).")]
    private partial void LogPublishFailed(string orderId, string error);
}
