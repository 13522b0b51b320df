namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>Configuration section "Crystallize": where the Order API is and how hard to try.</summary>
internal sealed class CrystallizeOptions
{
    public const string SectionName = "Crystallize";

    /// <summary>The Order API endpoint; {tenantIdentifier} is filled in from the secret (or TenantIdentifier).</summary>
    public string OrderApiUrl { get; set; } = "https://api.crystallize.com/{tenantIdentifier}/orders";

    /// <summary>Overrides the secret's tenantIdentifier (useful against an emulator).</summary>
    public string? TenantIdentifier { get; set; }

    public string SecretStore { get; set; } = "fbamesh-secrets";

    /// <summary>The secret of the services that call Crystallize (accessTokenId, accessTokenSecret, tenantIdentifier).</summary>
    public string SecretName { get; set; } = "crystallize-api";

    /// <summary>Reads of a not-yet-readable order (get answers null) within one delivery, before handing back to redelivery.</summary>
    public int ReadAttempts { get; set; } = 3;

    /// <summary>Pause between those reads; Crystallize usually serves a new order within a second.</summary>
    public TimeSpan ReadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All HTTP attempts of one read, retries of 5xx and timeouts included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a 5xx, 408, 429 or timeout (the query is a read, so retrying is safe).</summary>
    public int HttpRetries { get; set; } = 3;

    public TimeSpan HttpRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the access token read from the secret store is reused before it is read again.</summary>
    public TimeSpan CredentialsCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a failed read or a refused token, the secret store is not asked again sooner.</summary>
    public TimeSpan SecretRetryInterval { get; set; } = TimeSpan.FromSeconds(15);
}
