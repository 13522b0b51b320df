using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;
using FbaMesh.OrderEnricher.Submitter;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>
/// One delivery of orders.received: claim the order (state Received), read it from Crystallize, map it,
/// submit it, record the outcome. Every step that can fail for a while parks the order as Waiting (the
/// event is acknowledged; the redrive scheduler brings it back) until the horizon; every permanent
/// failure is recorded before the event is dropped.
/// </summary>
internal sealed partial class OrderPipeline(
    OrderClaims claims,
    CrystallizeOrderClient crystallize,
    IOptionsMonitor<FulfillmentMappingOptions> mapping,
    FulfillmentSubmitter submitter,
    OrderOutcomes outcomes,
    CreateGuard guard,
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

        // The shop's commands: cancelled before it reached Amazon, or waiting for its submit stage.
        if (await guard.BeforeCreateAsync(claim, cancellationToken) is { } stopped)
        {
            return stopped;
        }

        // The work of one delivery ends well inside the claim's lease, so no other delivery takes the
        // order over while this one still runs; the outcome is then written with the delivery's own token.
        using var budget = new CancellationTokenSource(options.Value.DeliveryBudget, time);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await WorkAsync(claim, work.Token, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Grpc.Core.RpcException
            && budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return await outcomes.WaitAsync(
                claim, ReasonCodes.DeliveryBudgetExceeded, $"The delivery's work did not end within {options.Value.DeliveryBudget}; an unknown submit is confirmed by the next attempt.", cancellationToken);
        }
    }

    /// <param name="work">Ends with the delivery budget: every call to Crystallize and the submitter.</param>
    /// <param name="cancellationToken">The delivery's own token: recording the outcome.</param>
    private async Task<DeliveryDecision> WorkAsync(OrderClaim claim, CancellationToken work, CancellationToken cancellationToken)
    {
        var orderId = claim.State.OrderId;
        var fetch = await crystallize.GetOrderAsync(orderId, work);
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
                ? await outcomes.WaitAsync(claim, code, message, cancellationToken)
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
                return await SubmitAsync(claim, mapped.Request, work, cancellationToken);
            default:
                throw new InvalidOperationException("Unknown mapping outcome.");
        }
    }

    private async Task<DeliveryDecision> SubmitAsync(OrderClaim claim, SubmitFulfillmentOrderRequest request, CancellationToken work, CancellationToken cancellationToken)
    {
        var (previewed, refused) = await guard.PreviewAsync(claim, request, cancellationToken);
        if (previewed is null)
        {
            return refused ?? DeliveryDecision.Retry;
        }

        claim = previewed;
        LogSubmitting(claim.State.OrderId, request.SellerFulfillmentOrderId, request.Items.Count, claim.State.Attempts);
        return await submitter.SubmitAsync(request, work) switch
        {
            SubmitResult.Accepted accepted => await guard.SubmittedAsync(claim, request, accepted, cancellationToken),
            SubmitResult.Rejected rejected => await outcomes.FailAsync(claim, rejected.ReasonCode, rejected.Message, cancellationToken),
            SubmitResult.Transient transient => await outcomes.WaitAsync(
                claim, ReasonCodes.SubmitterUnavailable, transient.Message, cancellationToken),
            _ => throw new InvalidOperationException("Unknown submit result."),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitting order {OrderId} as {SellerFulfillmentOrderId} with {ItemCount} item(s), attempt {Attempt}.")]
    private partial void LogSubmitting(string orderId, string sellerFulfillmentOrderId, int itemCount, int attempt);
}
