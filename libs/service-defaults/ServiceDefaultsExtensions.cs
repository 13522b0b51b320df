using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FbaMesh.ServiceDefaults;

/// <summary>The one call each service makes to get the shared wiring; Program.cs stays a table of contents.</summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddJsonConsoleLogging();
        builder.AddTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultProblemDetails();
        // TryAdd: a test that registered a FakeTimeProvider first keeps it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        // No blanket HTTP retry policy: a retried POST to Amazon could create an order twice, so each
        // client chooses its own resilience (see the submitter's exactly-once rules).
        builder.Services.AddDaprClient();
        return builder;
    }

    /// <summary>
    /// Problem details for unhandled errors and bare status codes, the app token check, /healthz
    /// (liveness) and /readyz (readiness, the sidecar included). Call it first after Build().
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseDefaultProblemDetails();
        app.UseAppApiToken();
        app.MapHealthEndpoints();
        return app;
    }
}
