using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using FbaMesh.FbaSubmitter.Submitting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Reading;

/// <summary>
/// listAllFulfillmentOrders with queryStartDate, one page per call: the orders whose status changed at or
/// after the start, and Amazon's nextToken for the next page. Read-only, so retried within the budget.
/// </summary>
internal sealed class OrderChangesReader(SpApiCaller caller, IOptions<SpApiOptions> options, TimeProvider time)
{
    public async Task<ListFulfillmentOrderChangesResponse> ListAsync(ListFulfillmentOrderChangesRequest request, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var start = request.QueryStartTime is { } t ? ToAmazon.Iso(t) : null;
        var path = FulfillmentOrderPaths.Changes(start, request.PageToken);
        var reply = await caller.SendAsync(SpApiOperation.ListAllFulfillmentOrders, HttpMethod.Get, path, null, budget, idempotent: true);
        if (!reply.IsSuccess)
        {
            // The start time was checked here, so a 400 is about the token Amazon handed out (expired or foreign).
            throw request.PageToken.Length > 0 && reply.Status == 400
                ? AmazonAnswers.Failure(reply, "listAllFulfillmentOrders", "a page token", StatusCode.InvalidArgument, FailureReasons.PageTokenRefused)
                : AmazonAnswers.Failure(reply, "listAllFulfillmentOrders", $"changes since {start}", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
        }

        var payload = AmazonAnswers.Payload(reply, AmazonJsonContext.Default.ListAllFulfillmentOrdersBody, "listAllFulfillmentOrders").Payload;
        var response = new ListFulfillmentOrderChangesResponse { NextPageToken = payload?.NextToken ?? "" };
        response.Changes.AddRange((payload?.FulfillmentOrders ?? [])
            .Where(o => !string.IsNullOrEmpty(o.SellerFulfillmentOrderId))
            .Select(FromAmazon.Change));
        return response;
    }
}
