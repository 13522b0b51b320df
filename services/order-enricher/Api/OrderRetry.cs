using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Fulfillment;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>
/// POST /api/orders/{id}/retry: the operator's way to send a Failed order again once its cause is fixed
/// (a SKU added at Amazon, an address corrected in Crystallize). The state goes back to Received with fresh
/// attempts and an OrderReceived is published, so the retry takes the same path, with the same redelivery
/// and the same exactly-once guarantees, as the first try. A Received order (stuck after an outage) or a
/// Waiting one (to try now rather than at its next attempt, with a fresh horizon) may be nudged the same
/// way, unless a delivery holds a live claim on it; Submitted and Skipped orders are final.
/// Retries per order are capped, and each is recorded with its time.
/// </summary>
internal static partial class OrderRetry
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public static async Task<IResult> RetryAsync(
        string id,
        OrderStateStore store,
        DaprClient dapr,
        TimeProvider time,
        IOptions<OperatorApiOptions> operatorApi,
        IOptions<PipelineOptions> pipeline,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!OrderId.IsValid(id))
        {
            return OrderApi.InvalidId();
        }

        var (state, etag) = await store.GetAsync(id, cancellationToken);
        if (state is null)
        {
            return OrderApi.UnknownOrder(id);
        }

        if (state.Status is OrderStatus.Submitted or OrderStatus.Skipped or OrderStatus.Shipped or OrderStatus.Completed or OrderStatus.Cancelled)
        {
            return Conflict($"Order {id} is {state.Status}; only Failed (or stuck Received) orders can be retried.");
        }

        if (state is { Status: OrderStatus.Failed, ReasonCode: FulfillmentProgressRecorder.Unfulfillable })
        {
            // Amazon already holds this fulfillment order: a resubmit would come back ALREADY_EXISTS and the
            // order would read Submitted while Amazon still cannot fulfil it.
            return Conflict($"Amazon already holds order {id} and cannot fulfil it ({FulfillmentProgressRecorder.Unfulfillable}); a retry would resubmit the same order, Amazon would answer ALREADY_EXISTS and nothing would ship. Fix the cause at Amazon (inventory, the address in Seller Central) or cancel the order in the shop.");
        }

        var now = time.GetUtcNow();
        if (state is { Status: OrderStatus.Received, ClaimedBy: not null } && now - state.UpdatedAt < pipeline.Value.ClaimLease)
        {
            return Conflict($"A delivery is working on order {id} right now (its claim holds until {state.UpdatedAt + pipeline.Value.ClaimLease:O}); look again after that.");
        }

        var limit = operatorApi.Value.MaxRetriesPerOrder;
        if (state.OperatorRetries >= limit)
        {
            return Conflict($"Order {id} has had {state.OperatorRetries} operator retries, the most allowed ({OperatorApiOptions.SectionName}:{nameof(OperatorApiOptions.MaxRetriesPerOrder)} = {limit}); find the cause before sending it again.");
        }

        var reset = state with
        {
            Status = OrderStatus.Received,
            Attempts = 0,
            OperatorRetries = state.OperatorRetries + 1,
            OperatorRetriedAt = [.. state.OperatorRetriedAt, now],
            ReasonCode = null,
            ReasonMessage = null,
            ClaimedBy = null,
            UpdatedAt = now,
            CompletedAt = null,
            NextAttemptAt = null,
            WaitingSince = null,
        };
        if (!await store.TrySaveAsync(reset, etag, cancellationToken))
        {
            return Conflict($"Order {id} changed while the retry was being recorded; look again and retry.");
        }

        var received = new OrderReceived { OrderId = id, ReceivedAt = Timestamp.FromDateTimeOffset(now) };

        // The reset is saved: the publish must not be abandoned because the caller went away, or the order
        // would sit Received with nothing queued. It is bounded on its own clock instead.
        using var publishBudget = new CancellationTokenSource(PublishTimeout, time);
        try
        {
            await dapr.PublishProtobufJsonAsync(PubSub.Name, PubSub.OrdersReceived, received, cancellationToken: publishBudget.Token);
        }
        catch (Exception ex) when (ex is Dapr.DaprException or OperationCanceledException)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Retry not queued",
                detail: $"Order {id} is reset to Received but orders.received could not be published; call retry again.");
        }

        LogRetry(loggers.CreateLogger(typeof(OrderRetry).FullName!), id, reset.OperatorRetries);
        return Results.Accepted($"/api/orders/{id}", reset);
    }

    private static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Order cannot be retried now", detail: detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator retry {RetryCount} of order {OrderId} queued.")]
    private static partial void LogRetry(ILogger logger, string orderId, int retryCount);
}
