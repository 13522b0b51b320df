using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FbaMesh.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Meter and ActivitySource names share this prefix; a service's own meters are picked up by it.</summary>
    public const string SourcePrefix = "FbaMesh.";

    /// <summary>
    /// Traces and metrics with W3C trace context. ASP.NET Core, HttpClient and gRPC client spans carry
    /// traceparent to the sidecar, which forwards it, so one trace spans gateway → enricher → submitter.
    /// Export is OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (Dapr and most collectors speak it).
    /// </summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(t => t
                .AddSource(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsProbe(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddGrpcClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
