using System.Text.Json;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>getFulfillmentOrder and cancelFulfillmentOrder: idempotent, so plainly retried within the budget.</summary>
internal sealed class FulfillmentOrderLookup(SpApiCaller caller, IOptions<SpApiOptions> options, TimeProvider time)
{
    public async Task<GetFulfillmentOrderResponse> GetAsync(string id, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var reply = await caller.SendAsync(SpApiOperation.GetFulfillmentOrder, HttpMethod.Get, FulfillmentOrderPaths.Order(id), null, budget, idempotent: true);
        if (reply.IsSuccess)
        {
            var parsed = Parse(reply.Body);
            return FromAmazon.Order(id, parsed?.Payload ?? throw new SpApiFailure(StatusCode.Unavailable, "getFulfillmentOrder answered 200 without a payload."));
        }

        throw Failure(id, reply, "getFulfillmentOrder", StatusCode.InvalidArgument);
    }

    public async Task CancelAsync(string id, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var reply = await caller.SendAsync(SpApiOperation.CancelFulfillmentOrder, HttpMethod.Put, FulfillmentOrderPaths.Cancel(id), null, budget, idempotent: true);
        // A retried cancel whose first attempt went through is answered DuplicateCancelRequest: already done.
        if (reply.IsSuccess || reply.Errors.Any(e => e.Message?.Contains("DuplicateCancelRequest", StringComparison.Ordinal) == true))
        {
            return;
        }

        throw Failure(id, reply, "cancelFulfillmentOrder", StatusCode.FailedPrecondition);
    }

    private static SpApiFailure Failure(string id, SpApiReply reply, string operation, StatusCode for400)
    {
        var errors = AmazonErrorBody.ToProto(reply.Status, reply.Errors);
        if (AmazonAnswers.NotFound(reply))
        {
            return new SpApiFailure(StatusCode.NotFound, $"Amazon has no fulfillment order '{id}'.", errors);
        }

        var code = reply.Status == 400 ? for400 : reply.OutcomeUnknown ? StatusCode.Unavailable : StatusCode.FailedPrecondition;
        return new SpApiFailure(code, $"Amazon answered {operation} for '{id}' with {reply.Describe()}.", errors)
        {
            Reason = code == StatusCode.FailedPrecondition && reply.Status == 400 ? FailureReasons.NotCancellable : FailureReasons.For(code),
        };
    }

    private static GetFulfillmentOrderBody? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, AmazonJsonContext.Default.GetFulfillmentOrderBody);
        }
        catch (JsonException)
        {
            throw new SpApiFailure(StatusCode.Unavailable, "getFulfillmentOrder answered 200 with a body that is not Amazon's JSON.");
        }
    }
}
