namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// The verdict on the token alone. <see cref="Token"/> is set only when it was accepted; the body check
/// (<see cref="SignatureVerifier.CheckBody"/>) still has to follow.
/// </summary>
public sealed record TokenCheck(SignatureVerification Verdict, VerifiedToken? Token)
{
    public static TokenCheck Accepted(VerifiedToken token) => new(new SignatureVerification(SignatureFailure.None, token.TenantIdentifier), token);

    public static TokenCheck Refused(SignatureFailure failure, string? tenantIdentifier = null) => new(new SignatureVerification(failure, tenantIdentifier), null);
}

/// <summary>
/// A token whose signature, lifetime and tenant checked out: what the body must hash to, who sent it, and
/// when it was issued (iat, seconds since the epoch, when present): a webhook's own moment, which tells a
/// later event of the same kind from a retry of this one only together with the body.
/// </summary>
public sealed record VerifiedToken(string Hmac, string? TenantIdentifier, double? IssuedAt = null);
