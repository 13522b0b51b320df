namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>One gateway shared by a test class: secrets in memory, sidecar down (every publish fails).</summary>
public sealed class SidecarDownGateway : IAsyncLifetime
{
    public GatewayUnderTest Gateway { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Gateway = await GatewayUnderTest.StartAsync(new InMemorySecretReader(Webhooks.Secret, Webhooks.Tenant));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
