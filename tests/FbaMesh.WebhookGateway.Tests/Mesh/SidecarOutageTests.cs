using System.Net;
using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>When the sidecar goes away, Crystallize gets 503 (it retries) and the gateway stays up, not ready.</summary>
public sealed class SidecarOutageTests
{
    [Fact]
    public async Task A_stopped_sidecar_gives_503_with_retry_after_and_the_gateway_stays_alive_but_not_ready()
    {
        var (http, grpc) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        await using var sidecar = await DaprEmulatorHost.StartAsync([GatewayWithSidecar.Options(http, grpc)]);
        await using var gateway = await GatewayUnderTest.StartAsync(daprGrpcPort: grpc, daprHttpPort: http, tenant: GatewayWithSidecar.DevTenant);
        using (var before = await gateway.Client.SendAsync(Signed(gateway, OrderIds.New())))
        {
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        }

        await sidecar.StopSidecarAsync(GatewayWithSidecar.AppId);

        using var after = await gateway.Client.SendAsync(Signed(gateway, OrderIds.New()));
        var answer = await ProblemAnswer.ReadAsync(after);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("publish-failed", answer.Code);
        Assert.NotNull(after.Headers.RetryAfter);
        Assert.Equal(1, gateway.Counter["publish-failed/publish-failed"]);
        Assert.Equal(1, gateway.Counter["accepted"]);

        using var live = await gateway.Client.GetAsync("/healthz");
        using var ready = await gateway.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    private static HttpRequestMessage Signed(GatewayUnderTest gateway, string orderId) =>
        gateway.Signed(Webhooks.QueryPayload(orderId), GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant);
}
