using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.Crystallize.CoreApi;

/// <summary>Configuration section "CrystallizeCoreApi": where the Core API is, which secret to read, how hard to try.</summary>
public sealed class CoreApiOptions : ISecretLocation
{
    public const string SectionName = "CrystallizeCoreApi";

    /// <summary>The Core API endpoint; {tenantIdentifier} is filled in from the secret (or TenantIdentifier).</summary>
    public string Url { get; set; } = "https://api.crystallize.com/@{tenantIdentifier}";

    /// <summary>Overrides the secret's tenantIdentifier (useful against an emulator).</summary>
    public string? TenantIdentifier { get; set; }

    public string SecretStore { get; set; } = "fbamesh-secrets";

    /// <summary>accessTokenId, accessTokenSecret and tenantIdentifier: the secret every Crystallize caller reads.</summary>
    public string SecretName { get; set; } = "crystallize-api";

    public TimeSpan SecretRefreshInterval { get; set; } = SecretReaderSettings.DefaultRefreshInterval;

    public TimeSpan SecretRetryInterval { get; set; } = SecretReaderSettings.DefaultRetryInterval;

    /// <summary>One HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of a 5xx, 408, 429 or timeout. Safe for every call here: a read, and writes that set
    /// values (the same meta, the same stage) rather than add to them.
    /// </summary>
    public int HttpRetries { get; set; } = 3;

    public TimeSpan HttpRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
