using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.DeadLetters;

/// <summary>
/// Turns a dead-lettered orders.received event into a Failed order with reason dead-lettered, written with
/// the ETag that was read. An order already final keeps its outcome. An order the mesh still holds (Waiting,
/// so the redrive scheduler brings it back, or Received under a live claim) is left to finish: failing it
/// would hand a recovering order to an operator for nothing. So is an order an operator retried after the
/// event was published: the retry published an event of its own, and that event (or its own dead letter)
/// decides. Without this, the dead letter of the delivery that failed the order (a permanent failure is
/// answered DROP) could arrive just after the operator's retry reset it, fail it again before the retry's
/// event was delivered, and the retry would end Failed without ever being sent.
/// </summary>
internal sealed partial class DeadLetteredOrders(
    OrderStateStore store,
    IOptionsMonitor<FulfillmentMappingOptions> mapping,
    IOptions<PipelineOptions> pipeline,
    EnricherMetrics metrics,
    TimeProvider time,
    ILogger<DeadLetteredOrders> logger)
{
    private const int WriteAttempts = 5;

    /// <param name="publishedAt">
    /// The event's received_at: when the gateway, the redrive or an operator retry published it; null when the
    /// publisher did not say, which counts as before any operator retry (every event the mesh publishes says).
    /// </param>
    /// <returns>True when the event is handled; false on repeated write conflicts (redeliver).</returns>
    public async Task<bool> RecordAsync(string orderId, DateTimeOffset? publishedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var (current, etag) = await store.GetAsync(orderId, cancellationToken);
            var now = time.GetUtcNow();
            if (current is { IsFinal: true })
            {
                metrics.DeadLettered("already-final");
                return true;
            }

            if (current is { OperatorRetriedAt: [.., var lastRetry] } && !(publishedAt >= lastRetry))
            {
                metrics.DeadLettered("superseded");
                LogSuperseded(orderId, lastRetry);
                return true;
            }

            if (current is { Status: OrderStatus.Waiting }
                || (current is { Status: OrderStatus.Received, ClaimedBy: not null } && now - current.UpdatedAt < pipeline.Value.ClaimLease))
            {
                metrics.DeadLettered("pending");
                LogPending(orderId, current.Status);
                return true;
            }

            const string Message = "Its orders.received event ran out of redeliveries; an operator retry sends it again.";
            var failed = current is null
                ? new OrderState
                {
                    OrderId = orderId,
                    Status = OrderStatus.Failed,
                    SellerFulfillmentOrderId = mapping.CurrentValue.SellerFulfillmentOrderIdFor(orderId),
                    ReasonCode = ReasonCodes.DeadLettered,
                    ReasonMessage = Message,
                    ReceivedAt = now,
                    UpdatedAt = now,
                    CompletedAt = now,
                }
                : current with
                {
                    Status = OrderStatus.Failed,
                    ReasonCode = ReasonCodes.DeadLettered,
                    ReasonMessage = Message,
                    ClaimedBy = null,
                    NextAttemptAt = null,
                    UpdatedAt = now,
                    CompletedAt = now,
                };
            if (await store.TrySaveAsync(failed, etag, cancellationToken))
            {
                metrics.DeadLettered("failed");
                LogFailed(orderId);
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: a dead-lettered event, but the order is {Status} and still in the mesh's hands.")]
    private partial void LogPending(string orderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: a dead-lettered event published before the operator retry of {RetriedAt:O}; the retry's own event decides.")]
    private partial void LogSuperseded(string orderId, DateTimeOffset retriedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is Failed (dead-lettered): its orders.received event ran out of redeliveries.")]
    private partial void LogFailed(string orderId);
}
