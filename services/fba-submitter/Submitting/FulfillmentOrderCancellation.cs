using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// cancelFulfillmentOrder. Amazon cancels only while its status is Received or Planning. Every answer
/// other than 200 (a 400 of any wording, a 5xx, a timeout) is decided by getFulfillmentOrder: Cancelled
/// is done, a status past Planning is too late, and a cancellable order whose cancel outcome was unknown
/// is cancelled again.
/// </summary>
internal sealed partial class FulfillmentOrderCancellation(
    ConfirmedWrite write, IOptions<SpApiOptions> options, TimeProvider time, ILogger<FulfillmentOrderCancellation> logger)
{
    public async Task<CancelFulfillmentOrderResponse> CancelAsync(string id, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var cancel = new OrderWrite(SpApiOperation.CancelFulfillmentOrder, "cancelFulfillmentOrder", FulfillmentOrderPaths.Cancel(id), null, FailureReasons.NotCancellable);
        var (outcome, status) = await write.SendAsync(
            id, cancel, budget,
            written: () => (CancelOutcome.Cancelled, ""),
            settle: (order, outcomeUnknown) => order.FulfillmentOrderStatus switch
            {
                AmazonStatuses.Cancelled => (outcomeUnknown ? CancelOutcome.Cancelled : CancelOutcome.AlreadyCancelled, order.FulfillmentOrderStatus),
                var s when !AmazonStatuses.IsCancellable(s) => (CancelOutcome.TooLate, s),
                _ => null,
            },
            stillPending: (reply, order) =>
                $"'{id}' is still {order.FulfillmentOrderStatus} at Amazon after a cancel that ended with {reply.Describe()}, and the call deadline " +
                "leaves no time to cancel again. Cancelling again is safe.");
        LogCancelled(id, outcome, status);
        return new() { SellerFulfillmentOrderId = id, Outcome = outcome, FulfillmentOrderStatus = status };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel of fulfillment order {SellerFulfillmentOrderId}: {Outcome} (Amazon status {AmazonStatus})")]
    private partial void LogCancelled(string sellerFulfillmentOrderId, CancelOutcome outcome, string amazonStatus);
}
