using System.Net;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>DAPR_API_TOKEN (app → sidecar) and APP_API_TOKEN (sidecar → app).</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task Without_the_api_token_every_call_but_health_is_rejected()
    {
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher") with { DaprApiToken = "dapr-token" });
        var sidecar = host["publisher"];
        using var anonymous = sidecar.Client();
        using var wrong = sidecar.Client("not-it");
        using var authorised = sidecar.Client("dapr-token");
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        var missing = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => anonymous.PublishEventAsync("pubsub", "t", new Order("a", 1))));
        var mismatch = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => wrong.GetStateAsync<Order>("statestore", "k")));
        await authorised.PublishEventAsync("pubsub", "t", new Order("a", 1));

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, mismatch.StatusCode);
        Assert.Single(host.PublishedTo("pubsub", "t"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1.0/metadata")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("/v1.0/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("/v1.0/healthz/outbound")).StatusCode);
        Assert.True(await anonymous.CheckHealthAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/metadata") { Headers = { { "dapr-api-token", "dapr-token" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_app_api_token_is_sent_on_discovery_and_delivery()
    {
        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/tokens", () => Results.Ok()).WithTopic("pubsub", "tokens"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("token-app", subscriber.Port) with { AppApiToken = "app-token" });
        await host["token-app"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "tokens", new Order("t", 1));

        await Eventually.UntilAsync(() => subscriber.At("/tokens").Count == 1, "the delivery");
        Assert.All(subscriber.SubscribeCalls, token => Assert.Equal("app-token", token));
        Assert.NotEmpty(subscriber.SubscribeCalls);
        Assert.Equal("app-token", subscriber.At("/tokens")[0].ApiToken);
    }
}
