using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// updateFulfillmentOrder with a fulfillmentAction (Ship releases a held order). The order is read first:
/// one that already has the action needs nothing (ALREADY_APPLIED). Every answer other than 200 is decided
/// by getFulfillmentOrder again: an update whose outcome was unknown is sent again only while the order
/// still lacks the action.
/// </summary>
internal sealed partial class FulfillmentOrderUpdate(
    SpApiCaller caller, FulfillmentOrderLookup lookup, IOptions<SpApiOptions> options, TimeProvider time,
    ILogger<FulfillmentOrderUpdate> logger)
{
    public async Task<UpdateFulfillmentOrderResponse> SetActionAsync(string id, FulfillmentAction action, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var body = ToAmazon.UpdateBodyJson(action);

        // Read first: a release of an order that is not on hold changes nothing and says so.
        var current = await lookup.ConfirmAsync(id, $"Before updating '{id}'", budget)
            ?? throw new SpApiFailure(StatusCode.NotFound, $"Amazon has no fulfillment order '{id}'.");
        if (current.FulfillmentAction == action)
        {
            LogUpdated(id, action, UpdateOutcome.AlreadyApplied, current.FulfillmentOrderStatus);
            return Answer(id, UpdateOutcome.AlreadyApplied, current.FulfillmentOrderStatus);
        }

        for (var round = 0; ; round++)
        {
            var reply = await caller.SendAsync(SpApiOperation.UpdateFulfillmentOrder, HttpMethod.Put, FulfillmentOrderPaths.Order(id), body, budget, idempotent: false);
            if (reply.IsSuccess)
            {
                LogUpdated(id, action, UpdateOutcome.Updated, "");
                return Answer(id, UpdateOutcome.Updated, "");
            }

            if (reply.Status == 404)
            {
                throw FulfillmentOrderLookup.NotFound(id, reply);
            }

            if (!reply.OutcomeUnknown && reply.Status != 400)
            {
                throw AmazonAnswers.Failure(reply, "updateFulfillmentOrder", $"'{id}'", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
            }

            var order = await lookup.ConfirmAsync(id, $"The update of '{id}' ended with {reply.Describe()}", budget)
                ?? throw FulfillmentOrderLookup.NotFound(id, reply);
            if (order.FulfillmentAction == action)
            {
                var outcome = reply.OutcomeUnknown ? UpdateOutcome.Updated : UpdateOutcome.AlreadyApplied;
                LogUpdated(id, action, outcome, order.FulfillmentOrderStatus);
                return Answer(id, outcome, order.FulfillmentOrderStatus);
            }

            if (!reply.OutcomeUnknown)
            {
                throw AmazonAnswers.Failure(reply, "updateFulfillmentOrder", $"'{id}' (Amazon status {order.FulfillmentOrderStatus})",
                    StatusCode.FailedPrecondition, FailureReasons.NotUpdatable);
            }

            var o = options.Value;
            if (!await budget.WaitAsync(Backoff.Delay(round, o.InitialBackoff, o.MaxBackoff, Random.Shared)))
            {
                throw new SpApiFailure(StatusCode.Unavailable,
                    $"'{id}' still lacks fulfillmentAction {action.ToAmazon()} after an update that ended with {reply.Describe()}, and the " +
                    "call deadline leaves no time to update again. Updating again is safe.")
                {
                    Reason = FailureReasons.OutcomeUnknown,
                    RetryAfter = o.MaxBackoff,
                };
            }
        }
    }

    private static UpdateFulfillmentOrderResponse Answer(string id, UpdateOutcome outcome, string status) =>
        new() { SellerFulfillmentOrderId = id, Outcome = outcome, FulfillmentOrderStatus = status };

    [LoggerMessage(Level = LogLevel.Information, Message = "Update of fulfillment order {SellerFulfillmentOrderId} to {Action}: {Outcome} (Amazon status {AmazonStatus})")]
    private partial void LogUpdated(string sellerFulfillmentOrderId, FulfillmentAction action, UpdateOutcome outcome, string amazonStatus);
}
