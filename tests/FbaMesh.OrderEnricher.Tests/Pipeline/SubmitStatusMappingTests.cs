using FbaMesh.OrderEnricher.Pipeline;
using FbaMesh.OrderEnricher.Submitter;
using Grpc.Core;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>Every gRPC status the submitter (or the sidecar in between) can answer has a decided meaning.</summary>
public sealed class SubmitStatusMappingTests
{
    [Theory]
    [InlineData(StatusCode.InvalidArgument, "amazon-rejected")]
    [InlineData(StatusCode.PermissionDenied, "amazon-permission-denied")]
    [InlineData(StatusCode.Unauthenticated, "amazon-unauthenticated")]
    [InlineData(StatusCode.FailedPrecondition, "amazon-precondition-failed")]
    [InlineData(StatusCode.NotFound, "submit-failed")]
    [InlineData(StatusCode.Unimplemented, "submit-failed")]
    [InlineData(StatusCode.AlreadyExists, "submit-failed")]
    [InlineData(StatusCode.OutOfRange, "submit-failed")]
    [InlineData(StatusCode.DataLoss, "submit-failed")]
    public void Permanent_statuses_fail_the_order(StatusCode code, string reason)
    {
        var rejected = Assert.IsType<SubmitResult.Rejected>(FulfillmentSubmitter.FromStatus(new Status(code, "Amazon says no")));

        Assert.Equal(reason, rejected.ReasonCode);
        Assert.Contains("Amazon says no", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.Cancelled)]
    public void Transient_statuses_are_retried(StatusCode code) =>
        Assert.IsType<SubmitResult.Transient>(FulfillmentSubmitter.FromStatus(new Status(code, "later")));

    [Fact]
    public void A_status_without_detail_still_says_what_happened()
    {
        var rejected = Assert.IsType<SubmitResult.Rejected>(FulfillmentSubmitter.FromStatus(new Status(StatusCode.PermissionDenied, "")));

        Assert.Equal("PermissionDenied", rejected.Message);
    }

    [Theory]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    public void An_operator_fixable_status_with_retry_info_waits_instead_of_failing(StatusCode code) =>
        Assert.IsType<SubmitResult.Transient>(FulfillmentSubmitter.FromStatus(new Status(code, "credentials not loaded"), retryLater: true));

    [Fact]
    public void Amazon_refusing_the_order_fails_it_even_with_retry_info() =>
        Assert.IsType<SubmitResult.Rejected>(FulfillmentSubmitter.FromStatus(new Status(StatusCode.InvalidArgument, "bad sku"), retryLater: true));
}
