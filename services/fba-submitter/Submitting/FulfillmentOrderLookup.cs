using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// getFulfillmentOrder: read-only, so plainly retried within the budget. Also the confirmation every
/// write with an unclear outcome (create, update, cancel) asks before it decides.
/// </summary>
internal sealed class FulfillmentOrderLookup(SpApiCaller caller, IOptions<SpApiOptions> options, TimeProvider time)
{
    public async Task<GetFulfillmentOrderResponse> GetAsync(string id, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var reply = await caller.SendAsync(SpApiOperation.GetFulfillmentOrder, HttpMethod.Get, FulfillmentOrderPaths.Order(id), null, budget, idempotent: true);
        if (reply.IsSuccess)
        {
            return Read(id, reply);
        }

        if (AmazonAnswers.NothingThere(reply))
        {
            throw NotFound(id, reply);
        }

        throw AmazonAnswers.Failure(reply, "getFulfillmentOrder", $"'{id}'", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
    }

    /// <summary>
    /// The order as Amazon holds it now, or null when Amazon has none. An answer that decides neither is
    /// Unavailable with reason OUTCOME_UNKNOWN: <paramref name="after"/> names the step it was to decide.
    /// </summary>
    public async Task<GetFulfillmentOrderResponse?> ConfirmAsync(string id, string after, CallBudget budget)
    {
        SpApiReply found;
        try
        {
            found = await caller.SendAsync(SpApiOperation.GetFulfillmentOrder, HttpMethod.Get, FulfillmentOrderPaths.Order(id), null, budget, idempotent: true);
        }
        catch (SpApiFailure f) when (f.Code is StatusCode.Unavailable or StatusCode.ResourceExhausted)
        {
            throw new SpApiFailure(f.Code,
                $"{after}; reading the order with getFulfillmentOrder failed ({f.Message}). What Amazon holds is unknown; calling again is safe.",
                f.AmazonErrors)
            {
                Reason = FailureReasons.OutcomeUnknown,
                RetryAfter = f.RetryAfter,
            };
        }

        if (found.IsSuccess)
        {
            return Read(id, found);
        }

        if (AmazonAnswers.NothingThere(found))
        {
            return null;
        }

        throw new SpApiFailure(StatusCode.Unavailable,
            $"{after}; reading the order with getFulfillmentOrder answered {found.Describe()}.", AmazonErrorBody.ToProto(found.Status, found.Errors))
        {
            Reason = FailureReasons.OutcomeUnknown,
        };
    }

    public static SpApiFailure NotFound(string id, SpApiReply reply) =>
        new(StatusCode.NotFound, $"Amazon has no fulfillment order '{id}'.", AmazonErrorBody.ToProto(reply.Status, reply.Errors));

    private static GetFulfillmentOrderResponse Read(string id, SpApiReply reply) =>
        FromAmazon.Order(id, AmazonAnswers.Payload(reply, AmazonJsonContext.Default.GetFulfillmentOrderBody, "getFulfillmentOrder").Payload
            ?? throw new SpApiFailure(StatusCode.Unavailable, "getFulfillmentOrder answered 200 without a payload."));
}
