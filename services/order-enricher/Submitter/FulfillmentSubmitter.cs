using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Orders;
using Grpc.Core;
using Microsoft.Extensions.Options;
using RetryInfo = Google.Rpc.RetryInfo;

namespace FbaMesh.OrderEnricher.Submitter;

/// <summary>
/// Calls fba-submitter over gRPC through this app's own sidecar (the invoker adds dapr-app-id) and turns
/// the status code into an outcome. Retrying is safe: the seller fulfillment order id is deterministic and
/// the submitter confirms unknown outcomes with Amazon, answering ALREADY_EXISTS for a second create.
/// </summary>
internal sealed class FulfillmentSubmitter(
    FulfillmentOrders.FulfillmentOrdersClient client, IOptions<SubmitterOptions> options, TimeProvider time)
{
    public async Task<SubmitResult> SubmitAsync(SubmitFulfillmentOrderRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var deadline = time.GetUtcNow().UtcDateTime + options.Value.Deadline;
            var response = await client.SubmitFulfillmentOrderAsync(request, deadline: deadline, cancellationToken: cancellationToken);
            return response.Outcome switch
            {
                SubmitOutcome.Created => new SubmitResult.Accepted(request.SellerFulfillmentOrderId, "CREATED"),
                SubmitOutcome.AlreadyExists => new SubmitResult.Accepted(request.SellerFulfillmentOrderId, "ALREADY_EXISTS"),
                _ => new SubmitResult.Transient($"The submitter answered OK with outcome {response.Outcome}."),
            };
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return FromStatus(ex.Status, retryLater: ex.GetRpcStatus()?.GetDetail<RetryInfo>() is not null);
        }
    }

    /// <param name="retryLater">
    /// The submitter attached google.rpc.RetryInfo: the condition heals by itself or by an operator
    /// (credentials not loaded yet, a role being granted), so the order waits instead of failing.
    /// </param>
    public static SubmitResult FromStatus(Status status, bool retryLater = false)
    {
        var detail = string.IsNullOrWhiteSpace(status.Detail) ? status.StatusCode.ToString() : status.Detail;
        if (retryLater && status.StatusCode != StatusCode.InvalidArgument)
        {
            return new SubmitResult.Transient($"{status.StatusCode} (retry later): {detail}");
        }

        return status.StatusCode switch
        {
            StatusCode.InvalidArgument => new SubmitResult.Rejected(ReasonCodes.AmazonRejected, detail),
            StatusCode.PermissionDenied => new SubmitResult.Rejected(ReasonCodes.AmazonPermissionDenied, detail),
            StatusCode.Unauthenticated => new SubmitResult.Rejected(ReasonCodes.AmazonUnauthenticated, detail),
            StatusCode.FailedPrecondition => new SubmitResult.Rejected(ReasonCodes.AmazonPreconditionFailed, detail),
            // Transient: the order may or may not be at Amazon; a retry is confirmed by the submitter.
            StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded or StatusCode.Internal
                or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled
                => new SubmitResult.Transient($"{status.StatusCode}: {detail}"),
            _ => new SubmitResult.Rejected(ReasonCodes.SubmitFailed, $"{status.StatusCode}: {detail}"),
        };
    }
}
