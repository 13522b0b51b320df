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
    ConfirmedWrite write, FulfillmentOrderLookup lookup, IOptions<SpApiOptions> options, TimeProvider time,
    ILogger<FulfillmentOrderUpdate> logger)
{
    public async Task<UpdateFulfillmentOrderResponse> SetActionAsync(string id, FulfillmentAction action, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);

        // Read first: a release of an order that is not on hold changes nothing and says so.
        var current = await lookup.ConfirmAsync(id, $"Before updating '{id}'", budget)
            ?? throw new SpApiFailure(StatusCode.NotFound, $"Amazon has no fulfillment order '{id}'.");
        if (current.FulfillmentAction == action)
        {
            LogUpdated(id, action, UpdateOutcome.AlreadyApplied, current.FulfillmentOrderStatus);
            return Answer(id, UpdateOutcome.AlreadyApplied, current.FulfillmentOrderStatus);
        }

        var update = new OrderWrite(SpApiOperation.UpdateFulfillmentOrder, "updateFulfillmentOrder", FulfillmentOrderPaths.Order(id), ToAmazon.UpdateBodyJson(action), FailureReasons.NotUpdatable);
        var (outcome, status) = await write.SendAsync(
            id, update, budget,
            written: () => (UpdateOutcome.Updated, ""),
            settle: (order, outcomeUnknown) => order.FulfillmentAction == action
                ? (outcomeUnknown ? UpdateOutcome.Updated : UpdateOutcome.AlreadyApplied, order.FulfillmentOrderStatus)
                : null,
            stillPending: (reply, _) =>
                $"'{id}' still lacks fulfillmentAction {action.ToAmazon()} after an update that ended with {reply.Describe()}, and the " +
                "call deadline leaves no time to update again. Updating again is safe.");
        LogUpdated(id, action, outcome, status);
        return Answer(id, outcome, status);
    }

    private static UpdateFulfillmentOrderResponse Answer(string id, UpdateOutcome outcome, string status) =>
        new() { SellerFulfillmentOrderId = id, Outcome = outcome, FulfillmentOrderStatus = status };

    [LoggerMessage(Level = LogLevel.Information, Message = "Update of fulfillment order {SellerFulfillmentOrderId} to {Action}: {Outcome} (Amazon status {AmazonStatus})")]
    private partial void LogUpdated(string sellerFulfillmentOrderId, FulfillmentAction action, UpdateOutcome outcome, string amazonStatus);
}
