using System.Net.Http.Json;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>gRPC service invocation through the sidecar (dapr-app-id), as DaprClient.CreateInvocationInvoker does it.</summary>
public sealed class InvocationTests : IAsyncLifetime
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private GrpcTargetApp target = null!;
    private DaprEmulatorHost host = null!;

    public async Task InitializeAsync()
    {
        target = await GrpcTargetApp.StartAsync();
        host = await Sidecars.StartAsync(Sidecars.For("caller"), Sidecars.For("greeter", target.Port, "grpc") with { AppApiToken = "to-greeter" });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await target.DisposeAsync();
    }

    [Fact]
    public async Task A_unary_call_with_dapr_app_id_reaches_the_app_with_its_metadata()
    {
        var health = Client("greeter");

        var reply = await health.CheckAsync(new HealthCheckRequest(), new Metadata { { "traceparent", TraceParent }, { "x-order", "42" } });

        Assert.Equal(ServingStatus.Serving, reply.Status);
        var (method, headers, _) = Assert.Single(target.Calls.Received);
        Assert.Equal("/grpc.health.v1.Health/Check", method);
        Assert.Equal(TraceParent, headers.GetValue("traceparent"));
        Assert.Equal("42", headers.GetValue("x-order"));
        Assert.Equal("greeter", headers.GetValue("dapr-app-id"));
        Assert.Equal("to-greeter", headers.GetValue("dapr-api-token"));
    }

    [Fact]
    public async Task A_server_streaming_call_is_proxied_message_by_message()
    {
        var health = Client("greeter");
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        using var watch = health.Watch(new HealthCheckRequest(), cancellationToken: cts.Token);

        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
        target.Health.SetStatus("", ServingStatus.NotServing);
        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task The_apps_status_and_the_callers_deadline_pass_through()
    {
        var health = Client("greeter");
        var deadline = DateTime.UtcNow.AddSeconds(30);

        var sent = DateTime.UtcNow;
        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "nope" }, deadline: deadline));
        var transit = DateTime.UtcNow - sent;
        using var watch = health.Watch(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddMilliseconds(300));
        var expired = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                // Watch streams until the deadline ends it.
            }
        });

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, expired.StatusCode);
        // The app ran the call under the caller's deadline (grpc-timeout crossed the proxy). grpc-timeout is a
        // duration, so each hop's deadline moves later by the time the headers were in transit: at most the
        // whole call's duration, which on a crowded machine can be seconds. A lost deadline is DateTime.MaxValue.
        var seen = target.Calls.Received.First(c => c.Method.EndsWith("/Check", StringComparison.Ordinal)).Deadline;
        Assert.InRange(seen, deadline.AddSeconds(-5), deadline + transit + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_unknown_app_id_or_none_answers_as_daprd_does()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await Client("nobody").CheckAsync(new HealthCheckRequest()));
        var plain = new Health.HealthClient(Grpc.Net.Client.GrpcChannel.ForAddress(host["caller"].GrpcEndpoint));
        var none = await Assert.ThrowsAsync<RpcException>(async () => await plain.CheckAsync(new HealthCheckRequest()));

        Assert.Equal(StatusCode.Unknown, unknown.StatusCode);
        Assert.Equal("couldn't find service: nobody", unknown.Status.Detail);
        Assert.Equal(StatusCode.Unknown, none.StatusCode);
        Assert.Equal("failed to proxy request: required metadata dapr-callee-app-id or dapr-app-id not found", none.Status.Detail);
    }

    [Fact]
    public async Task Stopping_a_sidecar_ends_an_open_stream_and_closes_its_ports()
    {
        var health = Client("greeter");
        using var watch = health.Watch(new HealthCheckRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await host.StopSidecarAsync("caller").WaitAsync(Eventually.DefaultTimeout);

        await Assert.ThrowsAnyAsync<Exception>(async () => await watch.ResponseStream.MoveNext(CancellationToken.None));
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest()));
        Assert.Equal(StatusCode.Unavailable, gone.StatusCode);
    }

    [Fact]
    public async Task An_app_that_is_down_is_unavailable()
    {
        await using var other = await Sidecars.StartAsync(Sidecars.For("caller"), Sidecars.For("down", FreeTcpPort.Next(), "grpc"));
        var health = new Health.HealthClient(DaprClient.CreateInvocationInvoker("down", other["caller"].GrpcEndpoint.ToString()));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task A_dapr_call_the_emulator_does_not_implement_is_unimplemented_by_name()
    {
        using var dapr = host["caller"].Client();

        var binding = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.InvokeBindingAsync("queue", "create", new Order("x", 1))));
        var configuration = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.GetConfiguration("config", ["k"])));

        Assert.Equal(StatusCode.Unimplemented, binding.StatusCode);
        Assert.Contains("dapr.proto.runtime.v1.Dapr/InvokeBinding", binding.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unimplemented, configuration.StatusCode);
        Assert.Contains("GetConfiguration", configuration.Status.Detail, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = host["caller"].HttpEndpoint };
        var lockCall = await http.PostAsync("/v1.0-alpha1/lock/store", null);
        var bindingCall = await http.PostAsync("/v1.0/bindings/queue", null);
        Assert.Equal(System.Net.HttpStatusCode.NotImplemented, lockCall.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotImplemented, bindingCall.StatusCode);
        Assert.Contains("POST /v1.0/bindings/queue", await bindingCall.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_invocation_reaches_an_http_app()
    {
        await using var web = await SubscriberApp.StartAsync(app => app.MapGet("/greeting/{name}", (string name) => Results.Ok(new Order(name, 7))));
        await using var other = await Sidecars.StartAsync(Sidecars.For("caller"), Sidecars.For("web", web.Port));
        using var http = DaprClient.CreateInvokeHttpClient("web", other["caller"].HttpEndpoint.ToString());

        var answer = await http.GetFromJsonAsync<Order>("/greeting/ada");

        Assert.Equal(new Order("ada", 7), answer);
    }

    private Health.HealthClient Client(string appId) =>
        new(DaprClient.CreateInvocationInvoker(appId, host["caller"].GrpcEndpoint.ToString()));
}
