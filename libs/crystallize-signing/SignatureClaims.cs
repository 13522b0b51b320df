namespace FbaMesh.Crystallize.Signing;

/// <summary>Who a Crystallize signature speaks for: the tenant (id and identifier) and the acting user.</summary>
public sealed record SignatureClaims(string TenantId, string TenantIdentifier, string UserId);
