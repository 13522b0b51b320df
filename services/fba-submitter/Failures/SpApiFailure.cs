using FbaMesh.Contracts.Fulfillment.V1;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Failures;

/// <summary>
/// An outcome that ends a call without success, already in the words of the gRPC contract: the
/// status code the caller acts on, a message an operator can read, Amazon's own error list, a stable
/// reason (google.rpc.ErrorInfo) and, when retrying later can help, how long to wait (RetryInfo).
/// </summary>
internal sealed class SpApiFailure(StatusCode code, string message, AmazonErrors? amazonErrors = null) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public AmazonErrors? AmazonErrors { get; } = amazonErrors;

    public string Reason { get; init; } = FailureReasons.For(code);

    public TimeSpan? RetryAfter { get; init; }
}
