using FbaMesh.Contracts.Fulfillment.V1;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// An outcome that ends a call without success, already in the words of the gRPC contract: the
/// status code the caller acts on, a message an operator can read, and Amazon's own error list.
/// </summary>
public sealed class SpApiFailure(StatusCode code, string message, AmazonErrors? amazonErrors = null) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public AmazonErrors? AmazonErrors { get; } = amazonErrors;
}
