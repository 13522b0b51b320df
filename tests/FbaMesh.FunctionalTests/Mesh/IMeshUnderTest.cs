using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// The whole chain as the scenarios see it. Two implementations: the emulated sidecars of devmesh
/// (always available) and real daprd sidecars with Redis in containers (when Docker is reachable).
/// The upstreams are always the emulators: they are what lets a test look at Amazon's side.
/// </summary>
public interface IMeshUnderTest : IAsyncDisposable
{
    CrystallizeEmulatorApp Crystallize { get; }

    SpApiEmulatorApp SpApi { get; }

    Uri GatewayWebhookUrl { get; }

    /// <summary>The gateway sidecar's Dapr HTTP endpoint, to publish an event again as a redelivery would.</summary>
    Uri GatewaySidecarHttp { get; }

    /// <summary>The dapr-api-token that sidecar demands, when it demands one.</summary>
    string? GatewaySidecarApiToken { get; }

    Task<OrderProgress?> GetOrderAsync(string orderId);

    Task<OrderProgress> WaitForSettledAsync(string orderId, TimeSpan timeout);

    /// <summary>Order ids of the events that reached orders.received.deadletter.</summary>
    Task<IReadOnlyList<string>> DeadLetteredOrderIdsAsync();

    Task KillAsync(string appId);

    Task RestartAsync(string appId);
}
