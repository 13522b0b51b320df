namespace FbaMesh.DevMesh.Hosting;

/// <summary>The current picture of the mesh (process ids change on restarts, so it is built on demand).</summary>
internal static class MeshEndpointsBuilder
{
    public const string WebhookPath = "/api/webhooks/order/created-fba";
    public const string AdminPath = "/_emulator/";
    public const string FulfillmentOrdersPath = "/fba/outbound/2020-07-01/fulfillmentOrders";
    public const string ConsolePath = "/console";

    public static MeshEndpoints Build(MeshParts parts)
    {
        var services = parts.Services.Values.ToDictionary(
            s => s.Definition.Instance,
            s => new ServiceEndpoints(
                s.Definition.AppId, s.Definition.Protocol, s.Definition.AppUrl, s.Definition.HealthUrl, s.Definition.ReadyUrl,
                s.Definition.DaprHttpPort, s.Definition.DaprGrpcPort, s.ProcessId) { Instance = s.Definition.Instance },
            StringComparer.Ordinal);

        // Emulated sidecars only: where to POST a message for each queue binding, at each instance's own sidecar.
        if (parts.Emulator is not null && parts.Plan is { } plan)
        {
            services = services.ToDictionary(
                kv => kv.Key, kv => kv.Value with { BindingFeeds = plan.BindingFeeds(kv.Value.AppId, kv.Value.DaprHttpPort) is { Count: > 0 } feeds ? feeds : null },
                StringComparer.Ordinal);
        }

        var gateway = services.TryGetValue("webhook-gateway", out var g)
            ? new Uri(g.AppUrl, WebhookPath)
            : throw new InvalidOperationException("The run file has no webhook-gateway.");

        var crystallize = parts.Crystallize is { } c ? new UpstreamEndpoints(c.BaseAddress, c.OrderApiUrl, new Uri(c.BaseAddress, AdminPath)) : null;
        var spApi = parts.SpApi is { } s
            ? new UpstreamEndpoints(s.BaseAddress, new Uri(s.BaseAddress, FulfillmentOrdersPath), new Uri(s.BaseAddress, AdminPath), s.TokenEndpoint)
            : null;
        var console = services.TryGetValue("order-enricher", out var enricher) ? new Uri(enricher.AppUrl, ConsolePath) : null;
        return new MeshEndpoints(gateway, services, crystallize, spApi)
        {
            DevMeshProcessId = Environment.ProcessId, OperatorToken = parts.OperatorToken, ConsoleUrl = console, Redis = parts.RedisHost,
        };
    }
}
