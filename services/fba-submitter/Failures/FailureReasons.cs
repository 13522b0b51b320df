using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Failures;

/// <summary>ErrorInfo reasons, so a caller can tell "fix the secret, then retry" from "Amazon said no".</summary>
internal static class FailureReasons
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
    public const string NotUpdatable = "NOT_UPDATABLE";
    public const string PackageNotFound = "PACKAGE_NOT_FOUND";
    public const string PageTokenRefused = "PAGE_TOKEN_REFUSED";

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
