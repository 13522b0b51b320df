using FbaMesh.Crystallize.Signing;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Applies the Crystallize signing library's verifier to a webhook with the tenant's secret, in two
/// steps: the token before the body is read, the body hash last. A wrong signature re-reads the secret
/// once (rate-limited) in case it was just rotated.
/// </summary>
internal sealed class WebhookSignatureCheck(SecretReader<SignatureKeys> secrets, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HeaderName = "X-Crystallize-Signature";

    /// <summary>The token alone (form, HS256 signature, exp, nbf, tenant): decided before the body is read.</summary>
    public async Task<(WebhookRejection? Rejection, VerifiedToken? Token)> CheckTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (RejectionFor(SignatureFailure.Missing), null);
        }

        var keys = await KeysAsync(cancellationToken);
        var result = Check(keys, token);
        if (result.Verdict.Failure == SignatureFailure.BadSignature
            && await secrets.RefreshNowAsync(keys, cancellationToken) is { } rotated)
        {
            result = Check(rotated, token);
        }

        return result.Token is { } verified ? (null, verified) : (RejectionFor(result.Verdict.Failure), null);
    }

    /// <summary>The last check: the body (with the URL and method) must hash to the token's hmac claim.</summary>
    public static WebhookRejection? CheckBody(VerifiedToken token, string url, string method, ReadOnlyMemory<byte> body)
    {
        var failure = SignatureVerifier.CheckBody(token, url, method, body.Span);
        return failure == SignatureFailure.None ? null : RejectionFor(failure);
    }

    private async Task<SignatureKeys> KeysAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await secrets.GetAsync(cancellationToken);
        }
        catch (SecretUnavailableException ex)
        {
            throw new SignatureSecretUnavailableException(ex.Message, ex);
        }
    }

    private TokenCheck Check(SignatureKeys keys, string token)
    {
        var webhook = options.Value;
        var expectedTenant = !string.IsNullOrWhiteSpace(webhook.TenantIdentifier) ? webhook.TenantIdentifier
            : webhook.CheckTenantIdentifierFromSecret ? keys.TenantIdentifier
            : null;
        var verifier = new SignatureVerifier(
            new SignatureVerifierOptions { ClockSkew = webhook.ClockSkew, ExpectedTenantIdentifier = expectedTenant }, time);
        return verifier.CheckToken(token, keys.Secret);
    }

    private static WebhookRejection RejectionFor(SignatureFailure failure) => failure switch
    {
        SignatureFailure.Missing => WebhookRejection.Signature("signature-missing", $"The {HeaderName} header is missing."),
        SignatureFailure.Malformed => WebhookRejection.Signature("signature-malformed", "The signature is not a well-formed JWT."),
        SignatureFailure.UnsupportedAlgorithm => WebhookRejection.Signature("signature-algorithm-unsupported", "Only HS256 signatures are accepted."),
        SignatureFailure.BadSignature => WebhookRejection.Signature("signature-invalid", "The signature does not match the tenant's signature secret."),
        SignatureFailure.Expired => WebhookRejection.Signature("signature-expired", "The signature has expired."),
        SignatureFailure.NotYetValid => WebhookRejection.Signature("signature-not-yet-valid", "The signature is not valid yet."),
        SignatureFailure.MissingHmac => WebhookRejection.Signature("signature-hmac-missing", "The signature carries no hmac claim."),
        SignatureFailure.HmacMismatch => WebhookRejection.Signature("signature-hmac-mismatch", "The signature was made for another URL, method or body."),
        SignatureFailure.TenantMismatch => WebhookRejection.Signature("signature-tenant-mismatch", "The signature is from another tenant."),
        SignatureFailure.InvalidBody => WebhookRejection.MalformedJson("The body could not be read as JSON for the signature check."),
        _ => WebhookRejection.Signature("signature-invalid", "The signature was not accepted."),
    };
}
