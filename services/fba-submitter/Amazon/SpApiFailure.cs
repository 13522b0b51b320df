using FbaMesh.Contracts.Fulfillment.V1;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// An outcome that ends a call without success, already in the words of the gRPC contract: the
/// status code the caller acts on, a message an operator can read, Amazon's own error list, a stable
/// reason (google.rpc.ErrorInfo) and, when retrying later can help, how long to wait (RetryInfo).
/// </summary>
public sealed class SpApiFailure(StatusCode code, string message, AmazonErrors? amazonErrors = null) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public AmazonErrors? AmazonErrors { get; } = amazonErrors;

    public string Reason { get; init; } = FailureReasons.For(code);

    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>ErrorInfo reasons, so a caller can tell "fix the secret, then retry" from "Amazon said no".</summary>
public static class FailureReasons
{
    public const string Domain = "fbamesh.fulfillment.v1";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string AmazonRejected = "AMAZON_REJECTED";
    public const string CredentialsNotLoaded = "CREDENTIALS_NOT_LOADED";
    public const string LwaRefused = "LWA_REFUSED";
    public const string AccessTokenRefused = "ACCESS_TOKEN_REFUSED";
    public const string FulfillmentRoleMissing = "FULFILLMENT_ROLE_MISSING";
    public const string Throttled = "THROTTLED";
    public const string AmazonUnavailable = "AMAZON_UNAVAILABLE";
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";
    public const string OrderNotFound = "ORDER_NOT_FOUND";
    public const string NotCancellable = "NOT_CANCELLABLE";

    public static string For(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => AmazonRejected,
        StatusCode.NotFound => OrderNotFound,
        StatusCode.ResourceExhausted => Throttled,
        StatusCode.Unauthenticated => LwaRefused,
        StatusCode.PermissionDenied => FulfillmentRoleMissing,
        _ => AmazonUnavailable,
    };
}
