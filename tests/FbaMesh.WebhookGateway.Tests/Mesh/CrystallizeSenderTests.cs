using System.Net;
using System.Text.Json;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>
/// Webhooks from the Crystallize emulator's sender (signed by Crystallize's rules with the development
/// secret, the attached query's payload, every sample order) reach pub/sub exactly once each.
/// </summary>
public sealed class CrystallizeSenderTests(GatewayWithSidecar mesh) : IClassFixture<GatewayWithSidecar>, IAsyncLifetime
{
    private CrystallizeEmulatorApp crystallize = null!;

    public static TheoryData<string> SampleOrderIds()
    {
        var ids = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CrystallizeEmulatorOptions.SampleFixturesPath, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: 24 } orderId)
            {
                ids.Add(orderId);
            }
        }

        return ids;
    }

    public async Task InitializeAsync() => this.crystallize = await CrystallizeEmulatorApp.StartAsync(new CrystallizeEmulatorOptions
    {
        Port = FreeTcpPort.Next(),
        FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath,
    });

    public async Task DisposeAsync() => await this.crystallize.DisposeAsync();

    [Theory]
    [MemberData(nameof(SampleOrderIds))]
    public async Task A_webhook_from_the_Crystallize_sender_is_published_once_with_the_order_derived_id(string orderId)
    {
        using var response = await this.crystallize.SendOrderCreatedWebhookAsync(orderId, mesh.Gateway.WebhookUrl);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = Assert.Single(mesh.PublishedFor(orderId));
        Assert.Equal($"crystallize-order-created-{orderId}", published.Id);
        Assert.Equal("webhook-gateway", published.Source);
        Assert.Equal(orderId, published.Data!.Value.GetProperty("orderId").GetString());
        Assert.Equal("fbamesh-dev", published.Data!.Value.GetProperty("tenantIdentifier").GetString());
    }
}
