using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>A delivery's hold on an order: the state it wrote and the ETag to write the next state with.</summary>
internal sealed record OrderClaim(OrderState State, string ETag)
{
    /// <summary>Derived once, when the order was first claimed: a prefix changed since must not make a second Amazon order.</summary>
    public string SellerFulfillmentOrderId => State.SellerFulfillmentOrderId
        ?? throw new InvalidOperationException("A claimed order always records its seller fulfillment order id.");
}

/// <summary>
/// Claiming an order before working on it: state Received with one more attempt, written with the ETag
/// that was read. Losing the write means another delivery claimed it at the same moment; the state it
/// left decides (final: nothing to do; still Received: let the broker come back later).
/// </summary>
internal sealed class OrderClaims(
    OrderStateStore store, IOptionsMonitor<FulfillmentMappingOptions> mapping, IOptions<PipelineOptions> pipeline, TimeProvider time)
{
    /// <returns>The claim, or the decision to answer at once when there is nothing to do now.</returns>
    public async Task<(OrderClaim? Claim, DeliveryDecision Decision)> ClaimAsync(string orderId, CancellationToken cancellationToken)
    {
        var (current, etag) = await store.GetAsync(orderId, cancellationToken);
        if (current is { IsFinal: true })
        {
            return (null, DeliveryDecision.Success);
        }

        var now = time.GetUtcNow();
        if (current is { ClaimedBy: not null } && now - current.UpdatedAt < pipeline.Value.ClaimLease)
        {
            // Another delivery (a duplicate event) is working on it right now: come back for its outcome.
            return (null, DeliveryDecision.Retry);
        }

        var claimedBy = Guid.NewGuid().ToString("N");
        var next = current is null
            ? new OrderState
            {
                OrderId = orderId,
                Status = OrderStatus.Received,
                Attempts = 1,
                SellerFulfillmentOrderId = mapping.CurrentValue.SellerFulfillmentOrderIdFor(orderId),
                ClaimedBy = claimedBy,
                ReceivedAt = now,
                UpdatedAt = now,
            }
            : current with
            {
                // A Waiting order is taken back into work by whichever delivery comes first.
                Status = OrderStatus.Received,
                NextAttemptAt = null,
                Attempts = current.Attempts + 1,
                SellerFulfillmentOrderId = current.SellerFulfillmentOrderId ?? mapping.CurrentValue.SellerFulfillmentOrderIdFor(orderId),
                ClaimedBy = claimedBy,
                UpdatedAt = now,
            };

        if (!await store.TrySaveAsync(next, etag, cancellationToken))
        {
            return (null, await DecideAfterConflictAsync(orderId, cancellationToken));
        }

        // Dapr does not hand back the new ETag: read it, and make sure the claim is still ours.
        var (written, newEtag) = await store.GetAsync(orderId, cancellationToken);
        return written?.ClaimedBy == claimedBy && newEtag is not null
            ? (new OrderClaim(written, newEtag), DeliveryDecision.Success)
            : (null, written is { IsFinal: true } ? DeliveryDecision.Success : DeliveryDecision.Retry);
    }

    /// <summary>Writes the claim's next state; on a conflict, what the order's state then says to answer.</summary>
    public async Task<(OrderClaim? Claim, DeliveryDecision? Conflict)> SaveAsync(OrderClaim claim, OrderState next, CancellationToken cancellationToken)
    {
        if (!await store.TrySaveAsync(next, claim.ETag, cancellationToken))
        {
            return (null, await DecideAfterConflictAsync(next.OrderId, cancellationToken));
        }

        var (written, newEtag) = await store.GetAsync(next.OrderId, cancellationToken);
        return written is not null && newEtag is not null && written.ClaimedBy == next.ClaimedBy
            ? (new OrderClaim(written, newEtag), null)
            : (null, written is { IsFinal: true } ? DeliveryDecision.Success : DeliveryDecision.Retry);
    }

    /// <summary>
    /// Writes the claim's last state of this delivery (final, waiting, or released): null when written, else
    /// what the order's state then says to answer. Nothing is written after it, so the new ETag is not read
    /// back: a conditional write that succeeded wrote exactly this state over the claim, and a delivery that
    /// claims the order right after it (the redrive, once the order is due) is not a conflict.
    /// </summary>
    public async Task<DeliveryDecision?> SaveLastAsync(OrderClaim claim, OrderState next, CancellationToken cancellationToken) =>
        await store.TrySaveAsync(next, claim.ETag, cancellationToken)
            ? null
            : await DecideAfterConflictAsync(next.OrderId, cancellationToken);

    private async Task<DeliveryDecision> DecideAfterConflictAsync(string orderId, CancellationToken cancellationToken)
    {
        var (current, _) = await store.GetAsync(orderId, cancellationToken);

        // Final: someone finished it. Otherwise another delivery is on it; come back to see how it ended.
        return current is { IsFinal: true } ? DeliveryDecision.Success : DeliveryDecision.Retry;
    }
}
