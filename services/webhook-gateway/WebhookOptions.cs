using FbaMesh.Contracts;
using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.WebhookGateway;

/// <summary>Configuration section "Webhook". Defaults are the production posture.</summary>
internal sealed class WebhookOptions : ISecretLocation
{
    public const string SectionName = "Webhook";

    /// <summary>
    /// Scheme, host and any path prefix exactly as entered in Crystallize's webhook URL (e.g. an ngrok
    /// tunnel or a reverse proxy). The signature covers that URL, not the one this process sees.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Bodies over this size are refused with 413 while reading, never buffered whole.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Only the Development environment may turn signature verification off.</summary>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>Expected tenantIdentifier claim; when empty, the secret's tenantIdentifier (if any) is expected.</summary>
    public string? TenantIdentifier { get; set; }

    /// <summary>Whether a tenantIdentifier from the secret store is enforced when none is configured here.</summary>
    public bool CheckTenantIdentifierFromSecret { get; set; } = true;

    /// <summary>Tolerance for exp/nbf; Crystallize's tokens live about one second.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string SecretStore { get; set; } = "fbamesh-secrets";

    /// <summary>The gateway's own secret (signatureSecret, tenantIdentifier); no other app may read it.</summary>
    public string SecretName { get; set; } = "crystallize-webhook";

    /// <summary>A rotated secret is picked up within this time even without a failed signature.</summary>
    public TimeSpan SecretRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A signature failure re-reads the secret (it may just have been rotated), but at most once per
    /// this interval, so a flood of forged webhooks cannot hammer the secret store.
    /// </summary>
    public TimeSpan SecretRetryInterval { get; set; } = TimeSpan.FromSeconds(15);

    public string PubSubName { get; set; } = PubSub.Name;

    public string Topic { get; set; } = PubSub.OrdersReceived;

    /// <summary>Where the pipeline-stage-changed webhook publishes.</summary>
    public string StageChangedTopic { get; set; } = PubSub.OrdersStageChanged;

    /// <summary>
    /// Webhooks handled at once; more get 503 with Retry-After. Each may hold MaxBodyBytes, so the default
    /// keeps a flood within 32 MiB of bodies, and is still far above the rate at which Crystallize sends.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>A sidecar that does not answer a publish or a secret read in this time is treated as down (503, Crystallize retries).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
