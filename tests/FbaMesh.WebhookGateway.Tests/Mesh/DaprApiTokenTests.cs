using System.Net;
using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>A sidecar that demands DAPR_API_TOKEN: the gateway sends it when configured, and is refused (503) when not.</summary>
public sealed class DaprApiTokenTests
{
    private const string Token = "test-dapr-api-token";

    [Theory]
    [InlineData(true, HttpStatusCode.Accepted)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable)]
    public async Task The_gateway_calls_its_sidecar_with_DAPR_API_TOKEN(bool configured, HttpStatusCode expected)
    {
        var (http, grpc) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        await using var sidecar = await DaprEmulatorHost.StartAsync([GatewayWithSidecar.Options(http, grpc) with { DaprApiToken = Token }]);
        var settings = configured ? new Dictionary<string, string> { ["DAPR_API_TOKEN"] = Token } : null;
        await using var gateway = await GatewayUnderTest.StartAsync(settings: settings, daprGrpcPort: grpc, daprHttpPort: http, tenant: GatewayWithSidecar.DevTenant);

        var answer = await ProblemAnswer.SendAsync(
            gateway.Client, gateway.Signed(Webhooks.QueryPayload(OrderIds.New()), GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant));

        Assert.Equal(expected, answer.Status);
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Text.Contains(Token, StringComparison.Ordinal));
    }
}
