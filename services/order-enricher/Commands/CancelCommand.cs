using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// The shop's cancel. Amazon cancels only while it has the order Received or Planning: cancelled → meta
/// fba-cancel = cancelled; too late → meta fba-cancel = too-late and fulfillment.cancel-too-late, nothing
/// else changes. A cancel that meets a create in flight is recorded in the order's state; the create
/// then cancels right after Amazon took the order, or does not create at all (<see cref="CreateGuard"/>).
/// </summary>
internal sealed partial class CancelCommand(
    CommandStateWrites writes,
    IAmazonCommands amazon,
    IShopFeedback shop,
    IOptionsMonitor<FulfillmentMappingOptions> mapping,
    IOptions<PipelineOptions> pipeline,
    IOptionsMonitor<CommandOptions> options,
    TimeProvider time,
    ILogger<CancelCommand> logger)
{
    /// <summary>The name a claim to tell the shop is recorded under.</summary>
    private const string ReportClaim = "cancel-report";

    public async Task<DeliveryDecision> HandleAsync(string orderId, CommandEntry asked, CancellationToken cancellationToken)
    {
        var by = Guid.NewGuid().ToString("N");
        var (step, written) = await writes.UpdateAsync(orderId, current =>
        {
            var now = time.GetUtcNow();
            var step = CommandDecisions.Cancel(current, now, pipeline.Value.ClaimLease, options.CurrentValue.Lease);
            return step switch
            {
                // The order was never sent and nobody is sending it: it ends here, and no later create may start.
                CancelStep.CancelBeforeAmazon => (BeforeAmazon(current ?? NewOrder(orderId, now), now, asked), step),
                CancelStep.LeaveToCreate => (current! with
                {
                    Commands = current.Commands.With(asked with { At = now, Outcome = "left-to-create" }) with { CancelRequestedAt = now },
                }, step),
                CancelStep.CancelAtAmazon => (current! with
                {
                    Commands = current.Commands with { CancelRequestedAt = current.Commands.CancelRequestedAt ?? now, Running = new CommandLease(CommandNames.Cancel, by, now) },
                }, step),
                _ => ((OrderState?)null, step),
            };
        }, cancellationToken);

        switch (step)
        {
            case CancelStep.AlreadyDecided:
                return await ReportIfOwedAsync(orderId, cancellationToken);
            case CancelStep.NothingToCancel:
                LogNothingToCancel(orderId);
                return DeliveryDecision.Success;
            case CancelStep.Busy:
                LogBusy(orderId);
                return DeliveryDecision.Retry;
            case CancelStep.LeaveToCreate:
                LogLeftToCreate(orderId);
                return DeliveryDecision.Success;
            case CancelStep.CancelBeforeAmazon:
                LogCancelledBeforeAmazon(orderId);
                return await ReportIfOwedAsync(orderId, cancellationToken);
            default:
                return await CancelAtAmazonAsync(written!, by, asked, cancellationToken);
        }
    }

    private async Task<DeliveryDecision> CancelAtAmazonAsync(OrderState leased, string by, CommandEntry asked, CancellationToken cancellationToken)
    {
        var orderId = leased.OrderId;
        var sellerId = leased.SellerFulfillmentOrderId ?? mapping.CurrentValue.SellerFulfillmentOrderIdFor(orderId);
        var answer = await amazon.CancelAsync(sellerId, cancellationToken);
        LogAmazonAnswered(orderId, sellerId, answer.GetType().Name);
        var (_, written) = await writes.UpdateAsync(orderId, current =>
            current?.Commands.Running?.By == by
                ? (CommandDecisions.ApplyCancel(current, answer, time.GetUtcNow(), createdNow: false, asked), true)
                : ((OrderState?)null, false), cancellationToken);
        if (written is null)
        {
            // Our hold was taken over: the one who took it decides and reports.
            return DeliveryDecision.Retry;
        }

        return answer switch
        {
            CancelAnswer.Transient => DeliveryDecision.Retry,
            CancelAnswer.Refused refused => Refused(orderId, refused),
            _ => await ReportIfOwedAsync(orderId, cancellationToken),
        };
    }

    /// <summary>
    /// Called by the create path right after Amazon accepted the order, when a cancel was recorded meanwhile:
    /// cancels at once and hands back the state to finish the create with.
    /// </summary>
    public async Task<OrderState> CancelAfterCreateAsync(OrderState claimed, CancellationToken cancellationToken)
    {
        var asked = new CommandEntry(default, CommandNames.Cancel, "", Detail: "after-create");
        var answer = await amazon.CancelAsync(claimed.SellerFulfillmentOrderId!, cancellationToken);
        LogAmazonAnswered(claimed.OrderId, claimed.SellerFulfillmentOrderId!, answer.GetType().Name);
        return CommandDecisions.ApplyCancel(claimed, answer, time.GetUtcNow(), createdNow: true, asked);
    }

    /// <summary>
    /// Called by a delivery of orders.received that claimed an order the shop cancelled before it reached
    /// Amazon: asks Amazon only when an earlier delivery may have created it.
    /// </summary>
    public async Task<OrderState> CancelInsteadOfCreateAsync(OrderState claimed, CancellationToken cancellationToken)
    {
        var asked = new CommandEntry(default, CommandNames.Cancel, "", Detail: "instead-of-create");
        var earlierAttempts = claimed.Attempts > 1 || claimed.SubmitOutcome is not null;
        CancelAnswer answer = earlierAttempts ? await amazon.CancelAsync(claimed.SellerFulfillmentOrderId!, cancellationToken) : new CancelAnswer.NotAtAmazon();
        return CommandDecisions.ApplyCancel(claimed, answer, time.GetUtcNow(), createdNow: false, asked);
    }

    /// <summary>
    /// Meta fba-cancel (and for too-late the event), once; RETRY while Crystallize cannot be told or another
    /// delivery is telling it. The report is claimed under the state's ETag before Crystallize is written, so
    /// of two deliveries that both see it owed only the one whose claim took writes; the other comes back
    /// for the result. A claim whose holder died runs out after Commands:ReportLease and is taken over.
    /// </summary>
    public async Task<DeliveryDecision> ReportIfOwedAsync(string orderId, CancellationToken cancellationToken)
    {
        var by = Guid.NewGuid().ToString("N");
        var (step, claimed) = await writes.UpdateAsync(orderId, current =>
        {
            var now = time.GetUtcNow();
            var step = CommandDecisions.ReportCancel(current, now, options.CurrentValue.ReportLease);
            return step == ReportStep.Report
                ? (current! with { Commands = current.Commands with { CancelReporting = new CommandLease(ReportClaim, by, now) } }, step)
                : ((OrderState?)null, step);
        }, cancellationToken);

        switch (step)
        {
            case ReportStep.NothingOwed:
                return DeliveryDecision.Success;
            case ReportStep.Busy:
                LogReportBusy(orderId);
                return DeliveryDecision.Retry;
        }

        var outcome = claimed!.Commands.CancelOutcome!;
        var amazonStatus = claimed.Commands.History.LastOrDefault(h => h.Command == CommandNames.Cancel && h.Outcome == CancelOutcomes.TooLate)?.Detail;
        bool told;
        try
        {
            told = await shop.ReportCancelAsync(orderId, claimed.SellerFulfillmentOrderId, outcome, amazonStatus, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await GiveUpClaimAsync(orderId, by, cancellationToken);
            throw;
        }

        if (!told)
        {
            // Let the redelivery (or any other delivery) try again at once rather than after the lease.
            await GiveUpClaimAsync(orderId, by, cancellationToken);
            return DeliveryDecision.Retry;
        }

        await writes.UpdateAsync(orderId, current =>
            current is { Commands.CancelReportedAt: null }
                ? (current with { Commands = current.Commands with { CancelReportedAt = time.GetUtcNow(), CancelReporting = null } }, true)
                : ((OrderState?)null, false), cancellationToken);
        LogReported(orderId, outcome);
        return DeliveryDecision.Success;
    }

    private Task GiveUpClaimAsync(string orderId, string by, CancellationToken cancellationToken) =>
        writes.UpdateAsync(orderId, current =>
            current?.Commands.CancelReporting?.By == by
                ? (current with { Commands = current.Commands with { CancelReporting = null } }, true)
                : ((OrderState?)null, false), cancellationToken);

    private DeliveryDecision Refused(string orderId, CancelAnswer.Refused refused)
    {
        LogRefused(orderId, refused.ReasonCode, refused.Message);
        return DeliveryDecision.Success;
    }

    private static OrderState BeforeAmazon(OrderState state, DateTimeOffset now, CommandEntry asked)
    {
        var cancelled = CommandDecisions.ApplyCancel(state, new CancelAnswer.NotAtAmazon(), now, createdNow: false, asked);
        return cancelled with { Commands = cancelled.Commands with { CancelRequestedAt = now } };
    }

    private OrderState NewOrder(string orderId, DateTimeOffset now) => new()
    {
        OrderId = orderId,
        Status = OrderStatus.Received,
        SellerFulfillmentOrderId = mapping.CurrentValue.SellerFulfillmentOrderIdFor(orderId),
        ReceivedAt = now,
        UpdatedAt = now,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: cancel requested, but nothing of it is for Amazon (skipped); nothing to cancel.")]
    private partial void LogNothingToCancel(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: another delivery is cancelling it now; asking for redelivery to learn the outcome.")]
    private partial void LogBusy(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: cancel recorded while its create is in flight; the create cancels right after Amazon takes it, or does not create.")]
    private partial void LogLeftToCreate(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: cancelled before it reached Amazon; it will not be created.")]
    private partial void LogCancelledBeforeAmazon(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: Amazon answered the cancel of {SellerFulfillmentOrderId}: {Answer}.")]
    private partial void LogAmazonAnswered(string orderId, string sellerFulfillmentOrderId, string answer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: another delivery is telling the shop the cancel's outcome now; asking for redelivery.")]
    private partial void LogReportBusy(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: the shop is told fba-cancel = {Outcome}.")]
    private partial void LogReported(string orderId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Amazon refused the cancel ({ReasonCode}): {Message}")]
    private partial void LogRefused(string orderId, string reasonCode, string message);
}
