using System.Net;
using System.Net.Http.Headers;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Boundaries;

/// <summary>
/// Deny by default, proven on every endpoint the enricher maps (read from its EndpointDataSource): only
/// the probes and the operator routes and console (which have their own credential) answer without the enricher's
/// app API token; every other route refuses no token, a guess and another app's token in every spelling
/// of its path, and no order is read, stored, submitted or published because of it.
/// </summary>
public sealed class AppTokenBoundaryTests(AppTokenBoundaryTests.WithTokens fixture) : IClassFixture<AppTokenBoundaryTests.WithTokens>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private const string AppToken = "test-app-api-token";
    private const string GatewaysToken = "webhook-gateway-app-token-for-tests";

    private static readonly string[] AllowList =
        ["* /healthz", "* /readyz", "GET /api/orders/{id}", "POST /api/orders/{id}/retry",
         "GET /console/login", "POST /console/login", "GET /console/assets/console.css", "GET /console/assets/console.js",
         "GET /console/", "GET /console/orders/{id}", "GET /console/orders/{id}/retry", "POST /console/orders/{id}/retry",
         "GET /console/orders/{id}/cancel", "POST /console/orders/{id}/cancel", "GET /console/orders/{id}/release", "POST /console/orders/{id}/release",
         "GET /console/dead-letters", "POST /console/logout"];

    private static readonly string[] Topics =
        [PubSub.OrdersReceived, PubSub.OrdersReceivedDeadLetter, PubSub.FulfillmentSubmitted, PubSub.FulfillmentFailed];

    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public void The_allow_list_is_exactly_the_probes_and_the_operator_routes()
    {
        var open = EndpointInventory.Of(mesh.Services).Where(e => e.AllowsWithoutAppToken).Select(e => e.Key);

        Assert.Equal(AllowList.Order(), open.Order());
    }

    [Fact]
    public async Task Every_other_endpoint_refuses_callers_without_the_enrichers_token_in_every_spelling_and_nothing_happens()
    {
        var id = mesh.CopyOfFixture(Norway);
        var guarded = EndpointInventory.Of(mesh.Services).Where(e => !e.AllowsWithoutAppToken).ToList();
        Assert.Contains(guarded, e => e.Key == "POST /events/orders-received");
        Assert.Contains(guarded, e => e.Key == "GET /dapr/subscribe");

        var misses = new List<string>();
        foreach (var endpoint in guarded)
        {
            var method = endpoint.Method == EndpointInventory.AnyMethod ? "POST" : endpoint.Method;
            foreach (var variant in PathVariants.Of(endpoint.PathWith(new Dictionary<string, string> { ["id"] = id })))
            {
                foreach (var (name, token) in AppTokenRefusal.Credentials(GatewaysToken))
                {
                    using var request = AppTokenRefusal.Http(mesh.Http.BaseAddress!, method, variant, token, method == "GET" ? null : CloudEvent(id));
                    using var response = await mesh.Http.SendAsync(request);
                    if (await AppTokenRefusal.MissAsync(response, grpc: false) is { } miss)
                    {
                        misses.Add($"{method} {variant} with {name}: {miss}");
                    }
                }
            }
        }

        Assert.Empty(misses);
        await AssertNothingHappenedAsync(id);
    }

    [Fact]
    public async Task An_order_event_posted_to_the_upper_case_route_without_a_token_is_refused_and_not_processed()
    {
        var id = mesh.CopyOfFixture(Norway);

        using var response = await mesh.Http.SendAsync(AppTokenRefusal.Http(mesh.Http.BaseAddress!, "POST", "/EVENTS/orders-received", null, CloudEvent(id)));

        Assert.Null(await AppTokenRefusal.MissAsync(response, grpc: false));
        await AssertNothingHappenedAsync(id);
    }

    [Fact]
    public async Task The_same_event_with_the_enrichers_own_token_is_processed()
    {
        var id = mesh.CopyOfFixture(Norway);

        using var response = await mesh.Http.SendAsync(AppTokenRefusal.Http(mesh.Http.BaseAddress!, "POST", "/EVENTS/orders-received", AppToken, CloudEvent(id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    private async Task AssertNothingHappenedAsync(string id)
    {
        Assert.Null(await mesh.StateAsync(id));
        Assert.Equal(0, mesh.Submitter.Count(id));
        Assert.All(Topics, topic => Assert.Equal(0, mesh.PublishedFor(topic, id)));
    }

    /// <summary>The CloudEvent a sidecar would deliver for an OrderReceived of this order.</summary>
    private static StringContent CloudEvent(string orderId)
    {
        var content = new StringContent(
            $$$"""
            {"specversion":"1.0","id":"crystallize-order-created-{{{orderId}}}","source":"webhook-gateway","type":"com.dapr.event.sent",
             "datacontenttype":"application/json","pubsubname":"fbamesh-pubsub","topic":"orders.received",
             "data":{"orderId":"{{{orderId}}}","tenantIdentifier":"fbamesh-dev"}}
            """);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        return content;
    }

    public sealed class WithTokens : MeshFixture
    {
        protected override bool ApiTokens => true;
    }
}
