using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// cancelFulfillmentOrder. Amazon cancels only while its status is Received or Planning. Every answer
/// other than 200 (a 400 of any wording, a 5xx, a timeout) is decided by getFulfillmentOrder: Cancelled
/// is done, a status past Planning is too late, and a cancellable order whose cancel outcome was unknown
/// is cancelled again.
/// </summary>
internal sealed partial class FulfillmentOrderCancellation(
    SpApiCaller caller, FulfillmentOrderLookup lookup, IOptions<SpApiOptions> options, TimeProvider time,
    ILogger<FulfillmentOrderCancellation> logger)
{
    public async Task<CancelFulfillmentOrderResponse> CancelAsync(string id, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        for (var round = 0; ; round++)
        {
            var reply = await caller.SendAsync(SpApiOperation.CancelFulfillmentOrder, HttpMethod.Put, FulfillmentOrderPaths.Cancel(id), null, budget, idempotent: false);
            if (reply.IsSuccess)
            {
                LogCancelled(id, CancelOutcome.Cancelled, "");
                return Answer(id, CancelOutcome.Cancelled, "");
            }

            if (reply.Status == 404)
            {
                throw FulfillmentOrderLookup.NotFound(id, reply);
            }

            if (!reply.OutcomeUnknown && reply.Status != 400)
            {
                throw AmazonAnswers.Failure(reply, "cancelFulfillmentOrder", $"'{id}'", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
            }

            var order = await lookup.ConfirmAsync(id, $"The cancel of '{id}' ended with {reply.Describe()}", budget)
                ?? throw FulfillmentOrderLookup.NotFound(id, reply);
            var status = order.FulfillmentOrderStatus;
            if (status == AmazonStatuses.Cancelled)
            {
                var outcome = reply.OutcomeUnknown ? CancelOutcome.Cancelled : CancelOutcome.AlreadyCancelled;
                LogCancelled(id, outcome, status);
                return Answer(id, outcome, status);
            }

            if (!AmazonStatuses.IsCancellable(status))
            {
                LogCancelled(id, CancelOutcome.TooLate, status);
                return Answer(id, CancelOutcome.TooLate, status);
            }

            if (!reply.OutcomeUnknown)
            {
                // Amazon refused while its own status still allows a cancel: its codes say why.
                throw AmazonAnswers.Failure(reply, "cancelFulfillmentOrder", $"'{id}' (Amazon status {status})", StatusCode.FailedPrecondition, FailureReasons.NotCancellable);
            }

            var o = options.Value;
            if (!await budget.WaitAsync(Backoff.Delay(round, o.InitialBackoff, o.MaxBackoff, Random.Shared)))
            {
                throw new SpApiFailure(StatusCode.Unavailable,
                    $"'{id}' is still {status} at Amazon after a cancel that ended with {reply.Describe()}, and the call deadline " +
                    "leaves no time to cancel again. Cancelling again is safe.")
                {
                    Reason = FailureReasons.OutcomeUnknown,
                    RetryAfter = o.MaxBackoff,
                };
            }
        }
    }

    private static CancelFulfillmentOrderResponse Answer(string id, CancelOutcome outcome, string status) =>
        new() { SellerFulfillmentOrderId = id, Outcome = outcome, FulfillmentOrderStatus = status };

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel of fulfillment order {SellerFulfillmentOrderId}: {Outcome} (Amazon status {AmazonStatus})")]
    private partial void LogCancelled(string sellerFulfillmentOrderId, CancelOutcome outcome, string amazonStatus);
}
