using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.DeadLetters;

/// <summary>
/// Turns a dead-lettered orders.received event into a Failed order with reason dead-lettered, written with
/// the ETag that was read. An order already final keeps its outcome. An order the mesh still holds (Waiting,
/// so the redrive scheduler brings it back, or Received under a live claim) is left to finish: failing it
/// would hand a recovering order to an operator for nothing.
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

    /// <returns>True when the event is handled; false on repeated write conflicts (redeliver).</returns>
    public async Task<bool> RecordAsync(string orderId, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} is Failed (dead-lettered): its orders.received event ran out of redeliveries.")]
    private partial void LogFailed(string orderId);
}
