namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// The verdict on one webhook. <see cref="TenantIdentifier"/> is the token's claim once its HS256
/// signature checked out (null before that: an unsigned claim is not worth reporting).
/// </summary>
public sealed record SignatureVerification(SignatureFailure Failure, string? TenantIdentifier)
{
    public bool IsValid => Failure == SignatureFailure.None;
}
