using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter.GrpcApi;

internal static class GrpcWiring
{
    public const string ServiceName = "fbamesh.fulfillment.v1.FulfillmentOrders";

    public static void AddFulfillmentOrdersGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc();
        // Grpc.AspNetCore logs every failed call's status detail at Information; Amazon's messages in
        // it may quote the recipient's name or address, which must not reach Information logs.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        // grpc.health.v1 answers SERVING only when ready: credentials loaded and the sidecar reachable.
        builder.Services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map("", r => r.Tags.Contains(HealthEndpoints.ReadyTag) || r.Tags.Contains("live"));
            o.Services.Map(ServiceName, r => r.Tags.Contains(HealthEndpoints.ReadyTag) || r.Tags.Contains("live"));
        });
    }

    public static void MapFulfillmentOrdersGrpc(this WebApplication app)
    {
        app.MapGrpcService<FulfillmentOrdersService>();
        // gRPC health probes may come from the orchestrator, which does not hold the app token.
        app.MapGrpcHealthChecksService().AllowWithoutAppToken();
    }
}
