using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>
/// The gateway beside its emulated Dapr sidecar, which reads the repository's components/ (in-memory
/// pub/sub, local-file secret store over secrets.dev.json) and the gateway's Configuration (secret scopes).
/// </summary>
public sealed class GatewayWithSidecar : IAsyncLifetime
{
    public const string AppId = "webhook-gateway";

    /// <summary>The development secret and tenant of components/secrets.dev.json, read through the sidecar.</summary>
    public const string DevSecret = "dev-only-fake-signature-secret-0000000000";
    public const string DevTenant = "fbamesh-dev";

    public DaprEmulatorHost Sidecar { get; private set; } = null!;

    public GatewayUnderTest Gateway { get; private set; } = null!;

    public IReadOnlyList<CloudEventRecord> Published => Sidecar.PublishedTo("fbamesh-pubsub", "orders.received");

    public static SidecarOptions Options(int httpPort, int grpcPort) => new(AppId)
    {
        DaprHttpPort = httpPort,
        DaprGrpcPort = grpcPort,
        ResourcesPath = RepositoryPaths.Combine("components"),
        ConfigFile = RepositoryPaths.Combine("components", "configuration", "webhook-gateway.yaml"),
        AppDirectory = RepositoryPaths.Combine("services", "webhook-gateway"),
    };

    public IEnumerable<CloudEventRecord> PublishedFor(string orderId) =>
        Published.Where(e => e.Id == OrderReceivedPublisher.CloudEventId(orderId));

    public async Task InitializeAsync()
    {
        var (http, grpc) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        Sidecar = await DaprEmulatorHost.StartAsync([Options(http, grpc)]);
        Gateway = await GatewayUnderTest.StartAsync(daprGrpcPort: grpc, daprHttpPort: http, tenant: DevTenant);
    }

    public HttpRequestMessage Signed(string body) => Gateway.Signed(body, DevSecret, DevTenant);

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Sidecar.DisposeAsync();
    }
}
