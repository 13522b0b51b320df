using FbaMesh.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FbaMesh.FbaSubmitter.GrpcApi;

internal static class GrpcApiWiring
{
    public const string ServiceName = "fbamesh.fulfillment.v1.FulfillmentOrders";

    public static void AddGrpcApi(this WebApplicationBuilder builder)
    {
        // daprd proxies gRPC to the app with HTTP/2 prior knowledge and no TLS (h2c).
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        // Grpc.AspNetCore logs every failed call's status detail at Information; Amazon's messages in
        // it may quote the recipient's name or address, which must not reach Information logs.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        // grpc.health.v1 answers SERVING only when ready: credentials loaded, the sidecar reachable and the call path readied.
        builder.Services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map("", r => r.Tags.Contains(HealthEndpoints.ReadyTag) || r.Tags.Contains("live"));
            o.Services.Map(ServiceName, r => r.Tags.Contains(HealthEndpoints.ReadyTag) || r.Tags.Contains("live"));
        });
    }

    public static void MapGrpcApi(this WebApplication app)
    {
        app.MapGrpcService<FulfillmentOrdersService>();
        // gRPC health probes may come from the orchestrator, which does not hold the app token.
        app.MapGrpcHealthChecksService().AllowWithoutAppToken();
    }
}
