using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.OrderEnricher.Submitter;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>
/// One delivery of orders.received: claim the order (state Received), read it from Crystallize, map it,
/// submit it, record the outcome. Every step that can fail for a while answers RETRY until the attempts
/// run out; every permanent failure is recorded before the event is dropped.
/// </summary>
internal sealed partial class OrderPipeline(
    OrderClaims claims,
    CrystallizeOrderClient crystallize,
    IOptionsMonitor<FulfillmentMappingOptions> mapping,
    FulfillmentSubmitter submitter,
    OrderOutcomes outcomes,
    IOptions<PipelineOptions> options,
    OrderIndex index,
    TimeProvider time,
    ILogger<OrderPipeline> logger)
{
    public async Task<DeliveryDecision> HandleAsync(string orderId, CancellationToken cancellationToken)
    {
        var (claim, decision) = await claims.ClaimAsync(orderId, cancellationToken);
        if (claim is null)
        {
            outcomes.NoWork(orderId, decision);
            return decision;
        }

        var fetch = await crystallize.GetOrderAsync(orderId, cancellationToken);
        var order = fetch switch
        {
            CrystallizeFetch.Found found => found.Order,
            _ => null,
        };
        if (order is null)
        {
            var (code, message, transient) = fetch is CrystallizeFetch.Failed f
                ? (f.ReasonCode, f.Message, f.Transient)
                : (ReasonCodes.OrderNotFound, "Crystallize has no readable order with this id.", true);
            return transient
                ? await RetryOrFailAsync(claim, code, code, message, cancellationToken)
                : await outcomes.FailAsync(claim, code, message, cancellationToken);
        }

        await index.AddToTimelineAsync(orderId, [new TimelineEntry(time.GetUtcNow(), "read", "Read from Crystallize.")], cancellationToken);
        switch (FulfillmentOrderMapper.Map(order, claim.SellerFulfillmentOrderId, mapping.CurrentValue))
        {
            case MappingOutcome.Skipped skipped:
                return await outcomes.SkipAsync(claim, skipped.ReasonCode, skipped.Message, cancellationToken);
            case MappingOutcome.Rejected rejected:
                return await outcomes.FailAsync(claim, rejected.ReasonCode, rejected.Message, cancellationToken);
            case MappingOutcome.Mapped mapped:
                return await SubmitAsync(claim, mapped.Request, cancellationToken);
            default:
                throw new InvalidOperationException("Unknown mapping outcome.");
        }
    }

    private async Task<DeliveryDecision> SubmitAsync(OrderClaim claim, SubmitFulfillmentOrderRequest request, CancellationToken cancellationToken)
    {
        LogSubmitting(claim.State.OrderId, request.SellerFulfillmentOrderId, request.Items.Count, claim.State.Attempts);
        return await submitter.SubmitAsync(request, cancellationToken) switch
        {
            SubmitResult.Accepted accepted => await outcomes.SubmittedAsync(claim, accepted, cancellationToken),
            SubmitResult.Rejected rejected => await outcomes.FailAsync(claim, rejected.ReasonCode, rejected.Message, cancellationToken),
            SubmitResult.Transient transient => await RetryOrFailAsync(
                claim, ReasonCodes.SubmitterUnavailable, ReasonCodes.SubmitRetriesExhausted, transient.Message, cancellationToken),
            _ => throw new InvalidOperationException("Unknown submit result."),
        };
    }

    /// <summary>RETRY while attempts remain (recording why it waits), then Failed with <paramref name="exhaustedCode"/>.</summary>
    private async Task<DeliveryDecision> RetryOrFailAsync(
        OrderClaim claim, string waitingCode, string exhaustedCode, string message, CancellationToken cancellationToken)
    {
        if (claim.State.Attempts >= Math.Max(1, options.Value.MaxAttempts))
        {
            return await outcomes.FailAsync(
                claim, exhaustedCode, $"Gave up after {claim.State.Attempts} attempts. Last: {message}", cancellationToken);
        }

        return await outcomes.WaitAsync(claim, waitingCode, message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitting order {OrderId} as {SellerFulfillmentOrderId} with {ItemCount} item(s), attempt {Attempt}.")]
    private partial void LogSubmitting(string orderId, string sellerFulfillmentOrderId, int itemCount, int attempt);
}
