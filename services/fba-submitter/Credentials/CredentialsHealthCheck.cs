using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>Not ready without credentials, with the reason an operator needs.</summary>
internal sealed class CredentialsHealthCheck(SecretReader<SpApiCredentials> credentials) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(credentials.Current is not null
            ? HealthCheckResult.Healthy("SP-API credentials loaded.")
            : HealthCheckResult.Unhealthy(credentials.Problem));
}
