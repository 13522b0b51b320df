using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FbaMesh.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Meter and ActivitySource names share this prefix; a service's own meters are picked up by it.</summary>
    public const string SourcePrefix = "FbaMesh.";

    /// <summary>Development only: also export spans and metrics to the console (Telemetry__ExportToConsole=true).</summary>
    public const string ExportToConsoleSetting = "Telemetry:ExportToConsole";

    /// <summary>
    /// Traces and metrics with W3C trace context. ASP.NET Core continues an incoming traceparent;
    /// HttpClient and gRPC client calls (DaprClient's included) carry Activity.Current as traceparent
    /// to the sidecar, which puts it on the CloudEvent or the invocation, so one trace spans
    /// gateway → enricher → submitter. Export is OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (Dapr
    /// and most collectors speak it); logs then go there too, with their trace ids.
    /// </summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName(builder)))
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

        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>(ExportToConsoleSetting))
        {
            // Every span (tags, events, exceptions) and metric point on standard output, where the
            // mesh's tests read it together with the logs, e.g. to prove no personal data is exported.
            otel.WithTracing(t => t.AddConsoleExporter())
                .WithMetrics(m => m.AddConsoleExporter((_, reader) =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 1000));
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            }).UseOtlpExporter();
        }
    }

    /// <summary>The Dapr app id when Dapr started the app (APP_ID), so traces and sidecar agree on names.</summary>
    private static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Configuration["APP_ID"] ?? builder.Environment.ApplicationName;

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
