using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>Several sidecars with one app id are replicas: invocation spreads over them in turn, per app id.</summary>
public sealed class ReplicaInvocationTests
{
    [Fact]
    public async Task Grpc_calls_to_an_app_id_take_turns_over_its_replicas()
    {
        await using var one = await GrpcTargetApp.StartAsync();
        await using var two = await GrpcTargetApp.StartAsync();
        await using var web = await BindingApp.StartAsync(a => a.MapGet("/who", () => Results.Ok()));
        await using var host = await Sidecars.StartAsync(
            Sidecars.For("caller"), Sidecars.For("greeter", one.Port, "grpc"), Sidecars.For("greeter", two.Port, "grpc"), Sidecars.For("web", web.Port));
        var health = new Health.HealthClient(DaprClient.CreateInvocationInvoker("greeter", host["caller"].GrpcEndpoint.ToString()));
        using var http = DaprClient.CreateInvokeHttpClient("web", host["caller"].HttpEndpoint.ToString());

        for (var i = 0; i < 6; i++)
        {
            await health.CheckAsync(new HealthCheckRequest());
            // Calls to another app id in between do not move the greeter's turn.
            using var other = await http.GetAsync("/who");
        }

        Assert.Equal((3, 3), (one.Calls.Received.Count, two.Calls.Received.Count));
        Assert.Equal(6, web.Requests.Count(r => r.Path == "/who"));
    }

    [Fact]
    public async Task Http_calls_to_an_app_id_take_turns_over_its_replicas()
    {
        await using var one = await BindingApp.StartAsync(a => a.MapGet("/who", () => Results.Ok()));
        await using var two = await BindingApp.StartAsync(a => a.MapGet("/who", () => Results.Ok()));
        await using var host = await Sidecars.StartAsync(Sidecars.For("caller"), Sidecars.For("web", one.Port), Sidecars.For("web", two.Port));
        using var http = DaprClient.CreateInvokeHttpClient("web", host["caller"].HttpEndpoint.ToString());

        for (var i = 0; i < 4; i++)
        {
            using var answer = await http.GetAsync("/who");
            Assert.True(answer.IsSuccessStatusCode);
        }

        Assert.Equal((2, 2), (one.Requests.Count(r => r.Path == "/who"), two.Requests.Count(r => r.Path == "/who")));
    }
}
