using System.Net;
using FbaMesh.FulfillmentTracker.Tests.Mesh;
using FbaMesh.Testing;
using static FbaMesh.FulfillmentTracker.Tests.Mesh.AmazonOrders;

namespace FbaMesh.FulfillmentTracker.Tests.Boundaries;

/// <summary>
/// Deny by default, proven on every endpoint the tracker maps: only the probes answer without its app API
/// token; the subscription, the notifications binding and the poll refuse no token, a guess and another
/// app's token in every spelling of their paths, and nothing is read at Amazon or written to Crystallize.
/// </summary>
public sealed class AppTokenBoundaryTests : IAsyncLifetime
{
    private const string EnrichersToken = "order-enricher-app-token-for-tests";
    private TrackerMesh mesh = null!;

    public async Task InitializeAsync() => mesh = await TrackerMesh.StartAsync();

    public async Task DisposeAsync() => await mesh.DisposeAsync();

    [Fact]
    public void The_allow_list_is_exactly_the_probes()
    {
        var open = EndpointInventory.Of(mesh.Services).Where(e => e.AllowsWithoutAppToken).Select(e => e.Key);

        Assert.Equal(["* /healthz", "* /readyz"], open.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_other_endpoint_refuses_callers_without_the_trackers_token_in_every_spelling_and_nothing_happens()
    {
        var id = mesh.NewCrystallizeOrder();
        mesh.Amazon.Set(Order(id, "Complete", 10, Shipped("S1", Package(1, "UPS", "1Z1"))));
        var guarded = EndpointInventory.Of(mesh.Services).Where(e => !e.AllowsWithoutAppToken).ToList();
        Assert.Contains(guarded, e => e.Key == "POST /events/fulfillment-submitted");
        Assert.Contains(guarded, e => e.Key == "POST /fbamesh-amazon-notifications");
        Assert.Contains(guarded, e => e.Key == "POST /fbamesh-tracking-poll");
        Assert.Contains(guarded, e => e.Key == "GET /dapr/subscribe");

        var misses = new List<string>();
        foreach (var endpoint in guarded)
        {
            var method = endpoint.Method == EndpointInventory.AnyMethod ? "POST" : endpoint.Method;
            foreach (var variant in PathVariants.Of(endpoint.PathWith()))
            {
                foreach (var (name, token) in AppTokenRefusal.Credentials(EnrichersToken))
                {
                    var body = method is "GET" or "OPTIONS" ? null : new StringContent(TrackerMesh.Notification(id, T0.AddMinutes(10)), System.Text.Encoding.UTF8, "application/json");
                    using var request = AppTokenRefusal.Http(mesh.Http.BaseAddress!, method, variant, token, body);
                    using var response = await mesh.Http.SendAsync(request);
                    if (await AppTokenRefusal.MissAsync(response, grpc: false) is { } miss)
                    {
                        misses.Add($"{method} {variant} with {name}: {miss}");
                    }
                }
            }
        }

        Assert.Empty(misses);
        Assert.Equal(0, mesh.Amazon.GetCalls + mesh.Amazon.ListCalls);
        Assert.Empty(mesh.Writes(id));
    }

    [Fact]
    public async Task The_sidecars_own_token_is_let_through()
    {
        using var response = await mesh.PollAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, mesh.Amazon.ListCalls);
    }
}
