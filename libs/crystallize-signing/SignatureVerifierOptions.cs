namespace FbaMesh.Crystallize.Signing;

public sealed class SignatureVerifierOptions
{
    /// <summary>
    /// Allowed clock difference for <c>exp</c> and <c>nbf</c>. Crystallize's tokens expire one second
    /// after issue, so without skew a webhook that spends a second in transit would be refused.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, the token's <c>tenantIdentifier</c> must equal it (as Crystallize's own plugins check).</summary>
    public string? ExpectedTenantIdentifier { get; set; }
}
