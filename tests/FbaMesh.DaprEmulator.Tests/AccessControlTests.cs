using System.Net;
using System.Text.Json;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>
/// The callee's Configuration accessControl over real sockets: DaprClient's invocation invoker (gRPC proxy)
/// and its invoke HttpClient (HTTP invocation), callers told apart by the sidecar they call through.
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private GrpcTargetApp target = null!;

    public async Task InitializeAsync() => target = await GrpcTargetApp.StartAsync();

    public async Task DisposeAsync() => await target.DisposeAsync();

    [Fact]
    public async Task With_default_deny_a_listed_app_may_call_only_its_listed_operation()
    {
        await using var host = await Mesh("acl-deny.yaml");
        var health = Health(host, "caller");

        var reply = await health.CheckAsync(new HealthCheckRequest());
        var unlisted = await Assert.ThrowsAsync<RpcException>(() => WatchOnceAsync(health));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        Assert.Equal(StatusCode.PermissionDenied, unlisted.StatusCode);
        Assert.Equal(
            "access control policy has denied access to id: spiffe://public/ns/default/caller operation: /grpc.health.v1.Health/Watch verb: NONE",
            unlisted.Status.Detail);
        Assert.DoesNotContain(target.Calls.Received, c => c.Method.EndsWith("/Watch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_default_deny_an_unlisted_app_is_denied_whatever_caller_id_it_claims()
    {
        await using var host = await Mesh("acl-deny.yaml");
        var health = Health(host, "stranger");

        var plain = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest()));
        var claiming = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest(),
            new Metadata { { "dapr-caller-app-id", "caller" }, { "dapr-caller-namespace", "default" } }));

        Assert.Equal(StatusCode.PermissionDenied, plain.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, claiming.StatusCode);
        Assert.Contains("id: spiffe://public/ns/default/stranger operation: /grpc.health.v1.Health/Check", claiming.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(target.Calls.Received);
    }

    [Fact]
    public async Task The_app_learns_the_caller_from_its_sidecar_not_from_the_callers_metadata()
    {
        await using var host = await Mesh("acl-deny.yaml");

        await Health(host, "caller").CheckAsync(new HealthCheckRequest(), new Metadata { { "dapr-caller-app-id", "someone-else" } });

        var (_, headers, _) = Assert.Single(target.Calls.Received);
        Assert.Equal(["caller"], headers.GetAll("dapr-caller-app-id").Select(h => h.Value));
        Assert.Equal("default", headers.GetValue("dapr-caller-namespace"));
        Assert.Equal("greeter", headers.GetValue("dapr-callee-app-id"));
    }

    [Fact]
    public async Task An_apps_call_to_its_own_id_has_no_peer_identity_so_the_global_default_decides()
    {
        await using var host = await Mesh("acl-deny.yaml");

        var self = await Assert.ThrowsAsync<RpcException>(async () => await Health(host, "greeter").CheckAsync(new HealthCheckRequest()));

        Assert.Equal(StatusCode.PermissionDenied, self.StatusCode);
        Assert.Equal("access control policy has denied access to id:  operation: /grpc.health.v1.Health/Check verb: NONE", self.Status.Detail);
    }

    [Fact]
    public async Task With_default_allow_only_what_a_policy_denies_is_denied()
    {
        await using var host = await Mesh("acl-allow.yaml");
        var caller = Health(host, "caller");
        var stranger = Health(host, "stranger");

        var callerCheck = await caller.CheckAsync(new HealthCheckRequest());
        var callerWatch = await Assert.ThrowsAsync<RpcException>(() => WatchOnceAsync(caller));
        var strangerCheck = await stranger.CheckAsync(new HealthCheckRequest());
        await WatchOnceAsync(stranger);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, callerCheck.Status);
        Assert.Equal(StatusCode.PermissionDenied, callerWatch.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, strangerCheck.Status);
    }

    [Fact]
    public async Task Http_invocation_is_checked_by_operation_and_verb_and_denied_with_403()
    {
        await using var web = await SubscriberApp.StartAsync(app =>
        {
            app.MapGet("/greeting/{name}", (string name) => Results.Ok(new Order(name, 7)));
            app.MapPost("/greeting/{name}", (string name) => Results.Ok(new Order(name, 8)));
            app.MapGet("/other", () => Results.Ok(new Order("other", 9)));
        });
        await using var host = await DaprEmulatorHost.StartAsync(
            [Sidecars.For("caller") with { Namespace = "default" }, Sidecars.For("stranger") with { Namespace = "default" },
             Sidecars.For("web", web.Port) with { ConfigFile = "acl-http.yaml" }]);
        using var caller = DaprClient.CreateInvokeHttpClient("web", host["caller"].HttpEndpoint.ToString());
        using var stranger = DaprClient.CreateInvokeHttpClient("web", host["stranger"].HttpEndpoint.ToString());

        using var allowed = await caller.GetAsync("/greeting/ada");
        using var upperCase = await caller.GetAsync("/GREETING/ada");
        using var wrongVerb = await caller.PostAsync("/greeting/ada", null);
        using var unlisted = await caller.GetAsync("/other");
        using var unlistedApp = await stranger.GetAsync("/greeting/ada");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upperCase.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongVerb.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unlisted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unlistedApp.StatusCode);
        using var body = JsonDocument.Parse(await wrongVerb.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", body.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(
            "failed to invoke, id: web, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: " +
            "spiffe://public/ns/default/caller operation: greeting/ada verb: POST",
            body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Without_access_control_in_the_configuration_every_app_may_call()
    {
        await using var host = await Mesh("config.yaml");

        var reply = await Health(host, "stranger").CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    private static async Task WatchOnceAsync(Health.HealthClient health)
    {
        using var watch = health.Watch(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        await watch.ResponseStream.MoveNext(CancellationToken.None);
    }

    private static Health.HealthClient Health(DaprEmulatorHost host, string throughSidecarOf) =>
        new(DaprClient.CreateInvocationInvoker("greeter", host[throughSidecarOf].GrpcEndpoint.ToString()));

    /// <summary>The greeter (gRPC) behind a Configuration, and two other apps that call it through their own sidecars.</summary>
    private Task<DaprEmulatorHost> Mesh(string greeterConfiguration) => DaprEmulatorHost.StartAsync(
    [
        Sidecars.For("caller") with { Namespace = "default" },
        Sidecars.For("stranger") with { Namespace = "default" },
        Sidecars.For("greeter", target.Port, "grpc") with { ConfigFile = greeterConfiguration },
    ]);
}
