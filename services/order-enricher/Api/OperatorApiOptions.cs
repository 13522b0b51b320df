using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>Configuration section "OperatorApi": the operator's order API and its credential.</summary>
internal sealed class OperatorApiOptions : ISecretLocation
{
    public const string SectionName = "OperatorApi";

    public string SecretStore { get; set; } = "fbamesh-secrets";

    /// <summary>The secret whose key "token" operators send as "Authorization: Bearer …" (DESIGN §4).</summary>
    public string SecretName { get; set; } = "operator";

    /// <summary>A rotated token is picked up within this time.</summary>
    public TimeSpan SecretRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a failed read, or a token that did not match (it may just have been rotated), the store is not asked again sooner.</summary>
    public TimeSpan SecretRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan SecretReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outside Development, how long the start waits for the sidecar to serve the token before it gives up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Operator retries one order may have; past it the order needs a look, not another retry.</summary>
    public int MaxRetriesPerOrder { get; set; } = 5;
}
