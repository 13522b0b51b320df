using Dapr;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Submitter;
using Microsoft.Extensions.Options;

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
    IOptions<PipelineOptions> options,
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

    public async Task<DeliveryDecision> FailAsync(OrderClaim claim, string reasonCode, string message, CancellationToken cancellationToken)
    {
        var orderId = claim.State.OrderId;
        var published = await TryPublishAsync(orderId, () => events.PublishFailedAsync(orderId, reasonCode, message, cancellationToken));
        if (!published && claim.State.Attempts < options.Value.MaxAttempts)
        {
            return await WaitAsync(claim, ReasonCodes.EventPublishFailed, $"{reasonCode}, but {PubSub.FulfillmentFailed} could not be published.", cancellationToken);
        }

        var decision = await FinishAsync(claim, OrderStatus.Failed, reasonCode, message, DeliveryDecision.Drop, null, cancellationToken);
        metrics.OrderHandled("failed", reasonCode);
        LogFailed(orderId, reasonCode, message);
        return decision;
    }

    /// <summary>Transient trouble: the state says what the order waits for; the broker redelivers.</summary>
    public async Task<DeliveryDecision> WaitAsync(OrderClaim claim, string reasonCode, string message, CancellationToken cancellationToken)
    {
        // The claim is released, so the redelivery may claim the order at once.
        var next = claim.State with { ReasonCode = reasonCode, ReasonMessage = message, ClaimedBy = null, UpdatedAt = time.GetUtcNow() };
        await claims.SaveAsync(claim, next, cancellationToken);
        metrics.OrderHandled("retry", reasonCode);
        LogWaiting(claim.State.OrderId, reasonCode, claim.State.Attempts, message);
        return DeliveryDecision.Retry;
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
            UpdatedAt = now,
            CompletedAt = now,
        };
        var (_, conflict) = await claims.SaveAsync(claim, next, cancellationToken);
        return conflict ?? onSaved;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} waits ({ReasonCode}) after attempt {Attempt}: {ReasonMessage}")]
    private partial void LogWaiting(string orderId, string reasonCode, int attempt, string reasonMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: publishing its outcome event failed ({Error}).")]
    private partial void LogPublishFailed(string orderId, string error);
}
