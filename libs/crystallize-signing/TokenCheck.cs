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

/// <summary>A token whose signature, lifetime and tenant checked out: what the body must hash to, and who sent it.</summary>
public sealed record VerifiedToken(string Hmac, string? TenantIdentifier);
