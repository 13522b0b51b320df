using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>The secret crystallize-webhook (DESIGN §4): signatureSecret, and tenantIdentifier when stored with it.</summary>
internal sealed class SignatureSecret(IOptions<WebhookOptions> options) : ISecretDefinition<SignatureKeys>
{
    public const string SecretKey = "signatureSecret";
    public const string TenantKey = "tenantIdentifier";

    // A hung sidecar must not hold webhooks open: past the publish timeout the read counts as failed (503).
    public SecretReaderSettings Settings { get; } = SecretReaderSettings.For(options.Value, options.Value.PublishTimeout);

    public SecretParse<SignatureKeys> Parse(IReadOnlyDictionary<string, string> keys)
    {
        if (!keys.TryGetValue(SecretKey, out var secret) || string.IsNullOrWhiteSpace(secret))
        {
            return SecretParse<SignatureKeys>.Missing(
                $"Secret '{Settings.Name}' in store '{Settings.Store}' has no '{SecretKey}': add the webhook signature secret from Crystallize's settings.");
        }

        keys.TryGetValue(TenantKey, out var tenant);
        return SecretParse<SignatureKeys>.Found(new SignatureKeys(secret, string.IsNullOrWhiteSpace(tenant) ? null : tenant));
    }
}
