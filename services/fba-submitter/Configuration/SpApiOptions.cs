using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.FbaSubmitter.Configuration;

internal enum SpApiRegion
{
    NA,
    EU,
    FE,
}

/// <summary>Configuration section "SpApi": where Amazon is, which credentials to read, and how to pace and retry.</summary>
internal sealed class SpApiOptions : ISecretLocation
{
    public const string SectionName = "SpApi";

    public SpApiRegion Region { get; set; } = SpApiRegion.NA;

    /// <summary>On by default, as in the seed: a fresh checkout must not ship real parcels.</summary>
    public bool Sandbox { get; set; } = true;

    /// <summary>Absolute base URL that replaces the regional host (the SP-API emulator in tests and the dev mesh).</summary>
    public Uri? EndpointOverride { get; set; }

    public Uri? TokenEndpointOverride { get; set; }

    public string SecretStore { get; set; } = "fbamesh-secrets";

    public string SecretName { get; set; } = "sp-api";

    // Usage plans of fulfillment outbound 2020-07-01 (the "Usage Plan" table of each operation in Amazon's
    // model): every operation the submitter calls is 2 requests/s with a burst of 30.
    public double CreateRate { get; set; } = 2;
    public int CreateBurst { get; set; } = 30;
    public double GetRate { get; set; } = 2;
    public int GetBurst { get; set; } = 30;
    public double CancelRate { get; set; } = 2;
    public int CancelBurst { get; set; } = 30;
    public double ListRate { get; set; } = 2;
    public int ListBurst { get; set; } = 30;
    public double TrackingRate { get; set; } = 2;
    public int TrackingBurst { get; set; } = 30;
    public double UpdateRate { get; set; } = 2;
    public int UpdateBurst { get; set; } = 30;
    public double PreviewRate { get; set; } = 2;
    public int PreviewBurst { get; set; } = 30;

    /// <summary>Paces at 97% of the plan: 10% left a tenth of Amazon's quota unused (bench drain, 0.90 efficiency).</summary>
    public const double DefaultPacingMargin = 0.03;

    /// <summary>Fraction of each plan's rate left unused, so jitter and other callers of the same seller do not meet 429.</summary>
    public double PacingMargin { get; set; } = DefaultPacingMargin;

    /// <summary>How late or bunched a paced request may reach Amazon; the bucket keeps that much of the rate in reserve.</summary>
    public TimeSpan PacingJitterAllowance { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Everything one gRPC call may spend at Amazon: pacing, retries and confirmation included. Below
    /// the sidecar's 30 s invocation timeout (components/resiliency.yaml), so the caller gets our answer.
    /// </summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>One HTTP attempt; past it the outcome is unknown and a create is confirmed before any retry.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a missing or broken secret is read again, so fixing it heals without a restart.</summary>
    public TimeSpan SecretRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often loaded credentials are read again, so a rotated refresh token is picked up.</summary>
    public TimeSpan SecretRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Get the first LWA access token and ready each shared usage plan's booking path before reporting
    /// ready, so the first orders after a start or a scale-out do not wait on first-call work (DESIGN §14).
    /// </summary>
    public bool WarmUp { get; set; } = true;

    public Uri BaseAddress => EndpointOverride ?? new Uri(
        $"https://{(Sandbox ? "sandbox." : "")}sellingpartnerapi-{Region.ToString().ToLowerInvariant()}.amazon.com/");

    public Uri TokenEndpoint => TokenEndpointOverride ?? new Uri("https://api.amazon.com/auth/o2/token");
}
