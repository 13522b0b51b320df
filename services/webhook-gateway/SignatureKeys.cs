namespace FbaMesh.WebhookGateway;

/// <summary>The tenant's webhook signature secret and, when stored with it, its identifier.</summary>
/// <remarks>A class, not a record: a record's generated ToString would print the secret into any log.</remarks>
internal sealed class SignatureKeys(string secret, string? tenantIdentifier) : IEquatable<SignatureKeys>
{
    public string Secret { get; } = secret;

    public string? TenantIdentifier { get; } = tenantIdentifier;

    public bool Equals(SignatureKeys? other) =>
        other is not null
        && string.Equals(Secret, other.Secret, StringComparison.Ordinal)
        && string.Equals(TenantIdentifier, other.TenantIdentifier, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SignatureKeys);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Secret), TenantIdentifier);

    public override string ToString() => $"SignatureKeys(tenant: {TenantIdentifier ?? "(none)"}, secret: redacted)";
}

/// <summary>The signature secret could not be had: the request is answered 503 and Crystallize retries.</summary>
internal sealed class SignatureSecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
