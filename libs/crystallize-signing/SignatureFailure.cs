namespace FbaMesh.Crystallize.Signing;

/// <summary>Why a signature was refused; <see cref="None"/> when it was accepted.</summary>
public enum SignatureFailure
{
    None,
    Missing,
    Malformed,
    UnsupportedAlgorithm,
    BadSignature,
    Expired,
    NotYetValid,
    MissingHmac,
    HmacMismatch,
    TenantMismatch,
    InvalidBody,
}
