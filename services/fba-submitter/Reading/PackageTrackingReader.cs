using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using FbaMesh.FbaSubmitter.Submitting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Reading;

/// <summary>getPackageTrackingDetails for one package number. Read-only, so retried within the budget.</summary>
internal sealed class PackageTrackingReader(SpApiCaller caller, IOptions<SpApiOptions> options, TimeProvider time)
{
    public async Task<GetPackageTrackingResponse> GetAsync(int packageNumber, CancellationToken callerGone)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time, callerGone);
        var reply = await caller.SendAsync(SpApiOperation.GetPackageTrackingDetails, HttpMethod.Get, FulfillmentOrderPaths.Tracking(packageNumber), null, budget, idempotent: true);
        if (reply.IsSuccess)
        {
            var details = AmazonAnswers.Payload(reply, AmazonJsonContext.Default.GetPackageTrackingDetailsBody, "getPackageTrackingDetails").Payload
                ?? throw new SpApiFailure(StatusCode.Unavailable, "getPackageTrackingDetails answered 200 without a payload.");
            return TrackingFromAmazon.Details(packageNumber, details);
        }

        if (AmazonAnswers.NothingThere(reply))
        {
            throw new SpApiFailure(StatusCode.NotFound, $"Amazon has no tracking for package {packageNumber}.", AmazonErrorBody.ToProto(reply.Status, reply.Errors))
            {
                Reason = FailureReasons.PackageNotFound,
            };
        }

        throw AmazonAnswers.Failure(reply, "getPackageTrackingDetails", $"package {packageNumber}", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
    }
}
