namespace FbaMesh.OrderEnricher.Api;

/// <summary>Configuration section "OperatorApi": the operator's order API.</summary>
internal sealed class OperatorApiOptions
{
    public const string SectionName = "OperatorApi";

    /// <summary>When set (from a secret in production), callers must send it as "Authorization: Bearer …".</summary>
    public string? Token { get; set; }
}
