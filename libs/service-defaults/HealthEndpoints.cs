using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace FbaMesh.ServiceDefaults;

public static class HealthEndpoints
{
    /// <summary>Tag of the checks that decide readiness (not liveness): the sidecar, secrets loaded, …</summary>
    public const string ReadyTag = "ready";

    private static readonly TimeSpan SidecarCheckTimeout = TimeSpan.FromSeconds(3);

    public static void AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            // A sidecar that hangs must turn readiness red quickly, not hold the probe until it times out.
            .AddCheck<DaprSidecarHealthCheck>("dapr-sidecar", HealthStatus.Unhealthy, [ReadyTag], SidecarCheckTimeout);
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Liveness only asks whether the process answers; a sidecar outage must not restart the app.
        // Probes come from the orchestrator, which does not hold the app token.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") })
            .AllowWithoutAppToken();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag) || c.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowWithoutAppToken();
    }
}
