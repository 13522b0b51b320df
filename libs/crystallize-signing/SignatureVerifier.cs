using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Checks <c>X-Crystallize-Signature</c> as Crystallize's own verifier does (HS256, exp, nbf, the
/// hmac over url, method and body) and a little stricter: <c>exp</c> is required, the clock skew is
/// explicit, the tenant may be pinned, and every comparison of secret-derived bytes is constant-time.
/// </summary>
public sealed class SignatureVerifier(SignatureVerifierOptions options, TimeProvider time)
{
    private readonly SignatureVerifierOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <param name="signatureSecret">The tenant's signature secret; an empty one is a configuration error and throws.</param>
    public SignatureVerification Verify(string? token, string signatureSecret, string url, string method, ReadOnlySpan<byte> rawBody)
    {
        Hs256.ThrowIfUnusable(signatureSecret);
        if (string.IsNullOrWhiteSpace(token))
        {
            return Refused(SignatureFailure.Missing);
        }

        var parts = CompactToken.TryParse(token.Trim());
        if (parts is null)
        {
            return Refused(SignatureFailure.Malformed);
        }

        var header = TokenHeader.Check(parts.Header);
        if (header != SignatureFailure.None)
        {
            return Refused(header);
        }

        if (!Hs256.Verify(signatureSecret, parts.SigningInput, parts.Signature))
        {
            return Refused(SignatureFailure.BadSignature);
        }

        var claims = TokenClaims.TryRead(parts.Payload);
        if (claims?.Expires is null)
        {
            return Refused(SignatureFailure.Malformed, claims?.TenantIdentifier);
        }

        return new SignatureVerification(CheckClaims(claims, url, method, rawBody), claims.TenantIdentifier);
    }

    private SignatureFailure CheckClaims(TokenClaims claims, string url, string method, ReadOnlySpan<byte> rawBody)
    {
        // Whole seconds, as the reference (jose) compares: a token is expired once exp <= now - skew.
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = _options.ClockSkew.TotalSeconds;
        if (claims.Expires <= now - skew)
        {
            return SignatureFailure.Expired;
        }

        if (claims.NotBefore > now + skew)
        {
            return SignatureFailure.NotYetValid;
        }

        if (_options.ExpectedTenantIdentifier is { } tenant && !string.Equals(tenant, claims.TenantIdentifier, StringComparison.Ordinal))
        {
            return SignatureFailure.TenantMismatch;
        }

        if (claims.Hmac is null)
        {
            return SignatureFailure.MissingHmac;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            SignatureChallenge.ComputeDigest(url, method, rawBody, digest);
        }
        catch (JsonException)
        {
            return SignatureFailure.InvalidBody;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, expected, out _);
        var claimed = Encoding.UTF8.GetBytes(claims.Hmac);
        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? SignatureFailure.None : SignatureFailure.HmacMismatch;
    }

    private static SignatureVerification Refused(SignatureFailure failure, string? tenantIdentifier = null) =>
        new(failure, tenantIdentifier);
}
