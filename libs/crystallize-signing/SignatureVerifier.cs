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
    private readonly SignatureVerifierOptions options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The whole check: <see cref="CheckToken"/>, then <see cref="CheckBody"/>.</summary>
    /// <param name="signatureSecret">The tenant's signature secret; an empty one is a configuration error and throws.</param>
    public SignatureVerification Verify(string? token, string signatureSecret, string url, string method, ReadOnlySpan<byte> rawBody)
    {
        var checkedToken = CheckToken(token, signatureSecret);
        return checkedToken.Token is { } verified
            ? new SignatureVerification(CheckBody(verified, url, method, rawBody), verified.TenantIdentifier)
            : checkedToken.Verdict;
    }

    /// <summary>
    /// Everything the token alone decides: its form, HS256 signature, exp, nbf, tenant and that it carries
    /// an hmac claim. It needs no body, so a receiver refuses a forged or stale request before reading one.
    /// </summary>
    /// <param name="signatureSecret">The tenant's signature secret; an empty one is a configuration error and throws.</param>
    public TokenCheck CheckToken(string? token, string signatureSecret)
    {
        Hs256.ThrowIfUnusable(signatureSecret);
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Refused(SignatureFailure.Missing);
        }

        var parts = CompactToken.TryParse(token.Trim());
        if (parts is null)
        {
            return TokenCheck.Refused(SignatureFailure.Malformed);
        }

        var header = TokenHeader.Check(parts.Header);
        if (header != SignatureFailure.None)
        {
            return TokenCheck.Refused(header);
        }

        if (!Hs256.Verify(signatureSecret, parts.SigningInput, parts.Signature))
        {
            return TokenCheck.Refused(SignatureFailure.BadSignature);
        }

        var claims = TokenClaims.TryRead(parts.Payload);
        if (claims?.Expires is null)
        {
            return TokenCheck.Refused(SignatureFailure.Malformed, claims?.TenantIdentifier);
        }

        var failure = CheckClaims(claims);
        return failure == SignatureFailure.None
            ? TokenCheck.Accepted(new VerifiedToken(claims.Hmac!, claims.TenantIdentifier, claims.IssuedAt))
            : TokenCheck.Refused(failure, claims.TenantIdentifier);
    }

    /// <summary>The last step: the token's hmac claim must be the digest of this url, method and body.</summary>
    public static SignatureFailure CheckBody(VerifiedToken token, string url, string method, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(token);
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
        var claimed = Encoding.UTF8.GetBytes(token.Hmac);
        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? SignatureFailure.None : SignatureFailure.HmacMismatch;
    }

    private SignatureFailure CheckClaims(TokenClaims claims)
    {
        // Whole seconds, as the reference (jose) compares: a token is expired once exp <= now - skew.
        var now = this.time.GetUtcNow().ToUnixTimeSeconds();
        var skew = this.options.ClockSkew.TotalSeconds;
        if (claims.Expires <= now - skew)
        {
            return SignatureFailure.Expired;
        }

        if (claims.NotBefore > now + skew)
        {
            return SignatureFailure.NotYetValid;
        }

        if (this.options.ExpectedTenantIdentifier is { } tenant && !string.Equals(tenant, claims.TenantIdentifier, StringComparison.Ordinal))
        {
            return SignatureFailure.TenantMismatch;
        }

        return claims.Hmac is null ? SignatureFailure.MissingHmac : SignatureFailure.None;
    }
}
