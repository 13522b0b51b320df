using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>Not ready while the signature secret cannot be read: every webhook would get 503.</summary>
internal sealed class SignatureSecretHealthCheck(SecretReader<SignatureKeys> secrets, IOptions<WebhookOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.VerifySignatures)
        {
            return HealthCheckResult.Degraded("Signature verification is off (Development only).");
        }

        try
        {
            await secrets.GetAsync(cancellationToken);
            return HealthCheckResult.Healthy("The signature secret is loaded.");
        }
        catch (SecretUnavailableException)
        {
            // The probe is answered to anyone who can reach the port: the store's own words stay in the log.
            return HealthCheckResult.Unhealthy("The signature secret cannot be read now; the gateway's log says why.");
        }
    }
}
