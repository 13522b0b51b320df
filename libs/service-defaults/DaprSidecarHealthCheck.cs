using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FbaMesh.ServiceDefaults;

/// <summary>Ready only while the app's own Dapr sidecar answers its health endpoint.</summary>
internal sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await dapr.CheckHealthAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Dapr sidecar is healthy.")
                : HealthCheckResult.Unhealthy("Dapr sidecar did not answer healthy.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar is unreachable.", ex);
        }
    }
}
