using System.Text;
using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>
/// Deny by default, proven on every endpoint the gateway maps (read from its EndpointDataSource) and on
/// routes it does not map: without its own app API token nothing but the allow-list answers, whatever
/// the spelling of the path, and nothing reaches the sidecar.
/// </summary>
public sealed class AppTokenBoundaryTests
{
    private const string AppToken = "webhook-gateway-app-token-for-tests";
    private const string EnrichersToken = "order-enricher-app-token-for-tests";

    /// <summary>Probes from the orchestrator, and Crystallize's signed webhook: nothing else.</summary>
    private static readonly string[] AllowList = ["* /healthz", "* /readyz", "POST " + Webhooks.Path, "POST " + Webhooks.StagePath];

    /// <summary>Routes other apps have: the gateway must not answer them either.</summary>
    private static readonly (string Method, string Path, bool Grpc)[] NotMapped =
    [
        ("GET", "/dapr/subscribe", false),
        ("GET", "/dapr/config", false),
        ("POST", "/events/orders-received", false),
        ("POST", "/events/orders-stage-changed", false),
        ("GET", Webhooks.StagePath, false),
        ("GET", "/api/orders/" + Webhooks.OrderId, false),
        ("GET", Webhooks.Path, false),
        ("POST", "/fbamesh.fulfillment.v1.FulfillmentOrders/SubmitFulfillmentOrder", true),
    ];

    [Fact]
    public async Task Only_probes_and_the_signed_webhook_are_open_and_every_other_path_is_refused_in_every_spelling()
    {
        var (http, grpc) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        await using var sidecar = await DaprEmulatorHost.StartAsync([GatewayWithSidecar.Options(http, grpc)]);
        await using var gateway = await GatewayUnderTest.StartAsync(
            settings: new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken }, daprGrpcPort: grpc, daprHttpPort: http, tenant: GatewayWithSidecar.DevTenant);
        var endpoints = EndpointInventory.Of(gateway.App.Services);

        Assert.Equal(AllowList.Order(), endpoints.Where(e => e.AllowsWithoutAppToken).Select(e => e.Key).Order());
        var guarded = endpoints.Where(e => !e.AllowsWithoutAppToken).Select(e => (e.Method, e.PathWith(), false));
        var misses = new List<string>();
        foreach (var (method, path, isGrpc) in guarded.Concat(NotMapped))
        {
            foreach (var variant in PathVariants.Of(path))
            {
                foreach (var (name, token) in AppTokenRefusal.Credentials(EnrichersToken))
                {
                    using var request = isGrpc
                        ? AppTokenRefusal.Grpc(gateway.BaseAddress, variant, token, [], http2: false)
                        : AppTokenRefusal.Http(gateway.BaseAddress, method == EndpointInventory.AnyMethod ? "GET" : method, variant, token, Json(method));
                    using var response = await gateway.Client.SendAsync(request);
                    if (await AppTokenRefusal.MissAsync(response, isGrpc) is { } miss)
                    {
                        misses.Add($"{method} {variant} with {name}: {miss}");
                    }
                }
            }
        }

        Assert.Empty(misses);
        Assert.Empty(sidecar.PublishedTo("fbamesh-pubsub", "orders.received"));
        Assert.Empty(sidecar.PublishedTo("fbamesh-pubsub", "orders.stage-changed"));
    }

    [Fact]
    public async Task An_unsigned_stage_webhook_is_refused_401_in_every_spelling_of_its_path_and_nothing_is_published()
    {
        var (http, grpc) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        await using var sidecar = await DaprEmulatorHost.StartAsync([GatewayWithSidecar.Options(http, grpc)]);
        await using var gateway = await GatewayUnderTest.StartAsync(
            settings: new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken }, daprGrpcPort: grpc, daprHttpPort: http, tenant: GatewayWithSidecar.DevTenant);
        var misses = new List<string>();
        foreach (var variant in PathVariants.Of(Webhooks.StagePath))
        {
            foreach (var (name, token) in AppTokenRefusal.Credentials(EnrichersToken))
            {
                using var request = AppTokenRefusal.Http(gateway.BaseAddress, "POST", variant, token,
                    new StringContent(Webhooks.StagePayload(Webhooks.OrderId, ("fba", "cancel")), Encoding.UTF8, "application/json"));
                using var response = await gateway.Client.SendAsync(request);
                if (await AppTokenRefusal.MissAsync(response, grpc: false) is { } miss)
                {
                    misses.Add($"{variant} with {name}: {miss}");
                }
            }
        }

        Assert.Empty(misses);
        Assert.Empty(sidecar.PublishedTo("fbamesh-pubsub", "orders.stage-changed"));
    }

    private static StringContent? Json(string method) =>
        method is "POST" or "PUT" or "PATCH"
            ? new StringContent(Webhooks.QueryPayload(), Encoding.UTF8, "application/json")
            : null;
}
