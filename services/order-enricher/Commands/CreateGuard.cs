using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using FbaMesh.OrderEnricher.Submitter;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// The shop's commands as the create path (a delivery of orders.received holding the order's claim) must
/// honour them: before anything, a recorded cancel (do not create) and the submit stage (wait for it);
/// before the create, Amazon's preview when configured; right after Amazon took the order, a cancel
/// recorded meanwhile (cancel at once) and the fulfillment action it was created with.
/// </summary>
internal sealed partial class CreateGuard(
    OrderClaims claims,
    OrderStateStore store,
    OrderOutcomes outcomes,
    CancelCommand cancel,
    IAmazonCommands amazon,
    IOptions<LifecycleOptions> lifecycle,
    IOptions<PreviewOptions> preview,
    TimeProvider time,
    ILogger<CreateGuard> logger)
{
    public const string NotFulfillable = "not-fulfillable";
    public const string AwaitingStage = "awaiting-stage";

    /// <summary>The shop cancelled an order Amazon may hold, and Amazon has not said yet whether the cancel took.</summary>
    public const string CancelPending = "cancel-pending";

    private const string CancelPendingMessage = "The shop cancelled the order and Amazon may hold it, but Amazon could not be asked to cancel it now; the cancel is asked again.";

    /// <summary>Right after the claim: the decision when this delivery must not go on to Amazon, else null.</summary>
    public async Task<DeliveryDecision?> BeforeCreateAsync(OrderClaim claim, CancellationToken cancellationToken)
    {
        var state = claim.State;
        if (CommandDecisions.MustNotCreate(state))
        {
            return await CancelInsteadOfCreateAsync(claim, cancellationToken);
        }

        if (CommandDecisions.WaitsForStage(state, lifecycle.Value.SubmitOn))
        {
            var now = time.GetUtcNow();
            var waiting = state with
            {
                Status = OrderStatus.AwaitingStage,
                ReasonCode = AwaitingStage,
                ReasonMessage = "Lifecycle:SubmitOn is Stage: the order goes to Amazon when the shop moves it into the submit stage.",
                ClaimedBy = null,
                UpdatedAt = now,
                Commands = state.Commands.History.Any(h => h.Outcome == AwaitingStage)
                    ? state.Commands
                    : state.Commands.With(new CommandEntry(now, CommandNames.Submit, AwaitingStage)),
            };
            var conflict = await claims.SaveLastAsync(claim, waiting, cancellationToken);
            LogAwaitingStage(state.OrderId);
            return conflict ?? DeliveryDecision.Success;
        }

        return null;
    }

    /// <summary>
    /// Amazon's preview before the first create (Fulfillment:PreviewBeforeCreate). Hands back the claim to
    /// create with, or the decision when the order stops here (not fulfillable: Failed with Amazon's codes).
    /// </summary>
    public async Task<(OrderClaim? Claim, DeliveryDecision? Done)> PreviewAsync(OrderClaim claim, SubmitFulfillmentOrderRequest request, CancellationToken cancellationToken)
    {
        if (!preview.Value.PreviewBeforeCreate || claim.State.Commands.PreviewPassedAt is not null)
        {
            return (claim, null);
        }

        var now = time.GetUtcNow();
        switch (await amazon.PreviewAsync(request, cancellationToken))
        {
            case PreviewAnswer.Fulfillable:
            {
                // Recorded before the create, so a redelivery after an unknown create outcome does not preview an order Amazon may hold.
                var passed = claim.State with { Commands = claim.State.Commands.With(new CommandEntry(now, CommandNames.Preview, "fulfillable")) with { PreviewPassedAt = now } };
                var (saved, conflict) = await claims.SaveAsync(claim, passed, cancellationToken);
                return (saved, conflict);
            }

            case PreviewAnswer.NotFulfillable refused:
            {
                var codes = string.Join(", ", refused.ReasonCodes);
                var withHistory = claim with { State = claim.State with { Commands = claim.State.Commands.With(new CommandEntry(now, CommandNames.Preview, NotFulfillable, Detail: codes)) } };
                LogNotFulfillable(claim.State.OrderId, codes);
                return (null, await outcomes.FailAsync(withHistory, NotFulfillable, $"Amazon's preview says it cannot fulfil the order: {codes}.", cancellationToken));
            }

            case PreviewAnswer.Refused refused:
                return (null, await outcomes.FailAsync(claim, refused.ReasonCode, refused.Message, cancellationToken));

            case PreviewAnswer.Transient transient:
                return (null, await WaitOrFailAsync(claim, transient.Message, cancellationToken));

            default:
                throw new InvalidOperationException("Unknown preview answer.");
        }
    }

    /// <summary>
    /// Right after Amazon accepted the order: the claim to finish the create with, carrying the fulfillment
    /// action, and the cancel when the shop asked for one while the create was in flight (cancelled at once).
    /// </summary>
    public async Task<OrderClaim> AfterCreateAsync(OrderClaim claim, SubmitFulfillmentOrderRequest request, CancellationToken cancellationToken)
    {
        // A cancel is recorded under the ETag: re-read to see it (and to finish with the ETag that includes it).
        var (fresh, etag) = await store.GetAsync(claim.State.OrderId, cancellationToken);
        if (fresh is null || etag is null || fresh.ClaimedBy != claim.State.ClaimedBy)
        {
            // The claim was lost; finishing will conflict and the state decides.
            return claim;
        }

        var action = request.FulfillmentAction == FulfillmentAction.Hold ? CommandDecisions.HoldAction : CommandDecisions.ShipAction;
        var state = fresh with { Commands = fresh.Commands with { FulfillmentAction = fresh.Commands.FulfillmentAction ?? action } };
        if (state.Commands.CancelRequestedAt is not null && state.Commands.CancelOutcome is null)
        {
            LogCancelAfterCreate(state.OrderId);
            state = await cancel.CancelAfterCreateAsync(state, cancellationToken);
        }

        return new OrderClaim(state, etag);
    }

    /// <summary>Amazon accepted the order: finish the create (with a cancel recorded meanwhile done at once), then tell the shop a cancel's outcome.</summary>
    public async Task<DeliveryDecision> SubmittedAsync(
        OrderClaim claim, SubmitFulfillmentOrderRequest request, SubmitResult.Accepted accepted, CancellationToken cancellationToken)
    {
        var finishing = await AfterCreateAsync(claim, request, cancellationToken);
        if (finishing.State.Commands is { CancelRequestedAt: not null, CancelOutcome: null })
        {
            // Amazon holds the order, the shop wants it cancelled, and Amazon could not be asked yet. Finishing
            // it Submitted would leave the cancel to nobody (the stage event was already answered): park it with
            // the create's outcome, so the redrive brings it back to the cancel until the horizon.
            LogCancelPending(claim.State.OrderId);
            var parked = finishing with { State = finishing.State with { SubmitOutcome = accepted.Outcome } };
            return await outcomes.WaitAsync(parked, CancelPending, CancelPendingMessage, cancellationToken);
        }

        var decision = await outcomes.SubmittedAsync(finishing, accepted, cancellationToken);
        return decision == DeliveryDecision.Success && finishing.State.Commands.CancelOutcome is not null
            ? await cancel.ReportIfOwedAsync(claim.State.OrderId, cancellationToken)
            : decision;
    }

    /// <summary>
    /// A delivery that claimed an order the shop cancelled: it never creates, and asks Amazon only when an
    /// earlier delivery may have created it. Undecided (Amazon unreachable, or its answer unclear) parks the
    /// order like a transient failure, so the redrive asks again; too late finishes it Submitted with
    /// fulfillment.submitted, as any order Amazon will ship.
    /// </summary>
    private async Task<DeliveryDecision> CancelInsteadOfCreateAsync(OrderClaim claim, CancellationToken cancellationToken)
    {
        var orderId = claim.State.OrderId;
        var next = await cancel.CancelInsteadOfCreateAsync(claim.State, cancellationToken);
        if (!next.IsFinal)
        {
            LogCancelPending(orderId);
            return await outcomes.WaitAsync(claim with { State = next }, CancelPending, CancelPendingMessage, cancellationToken);
        }

        LogNotCreated(orderId, next.Status);
        var decision = next.Status == OrderStatus.Submitted
            ? await outcomes.SubmittedAsync(claim with { State = next }, new SubmitResult.Accepted(claim.SellerFulfillmentOrderId, next.SubmitOutcome!), cancellationToken)
            : await claims.SaveLastAsync(claim, next with { ClaimedBy = null }, cancellationToken) ?? DeliveryDecision.Success;
        return decision == DeliveryDecision.Success ? await cancel.ReportIfOwedAsync(orderId, cancellationToken) : decision;
    }

    // Parked like any transient failure: the redrive tries again and the horizon decides when to give up.
    private Task<DeliveryDecision> WaitOrFailAsync(OrderClaim claim, string message, CancellationToken cancellationToken) =>
        outcomes.WaitAsync(claim, ReasonCodes.SubmitterUnavailable, message, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: the shop cancelled it; not created (now {Status}).")]
    private partial void LogNotCreated(string orderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the shop's cancel could not be carried out at Amazon yet; the order waits and the cancel is asked again.")]
    private partial void LogCancelPending(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} waits for its submit stage (Lifecycle:SubmitOn = Stage).")]
    private partial void LogAwaitingStage(string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Amazon's preview says it cannot be fulfilled: {ReasonCodes}.")]
    private partial void LogNotFulfillable(string orderId, string reasonCodes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: the shop cancelled it while it was being created; cancelling at Amazon now.")]
    private partial void LogCancelAfterCreate(string orderId);
}
