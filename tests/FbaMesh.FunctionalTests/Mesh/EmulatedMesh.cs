using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>The devmesh: three service processes, emulated sidecars and upstream emulators, fresh ports.</summary>
public sealed class EmulatedMesh(DevMesh.Mesh mesh) : IMeshUnderTest
{
    public CrystallizeEmulatorApp Crystallize => mesh.Crystallize!;

    public SpApiEmulatorApp SpApi => mesh.SpApi!;

    public Uri GatewayWebhookUrl => mesh.Endpoints.GatewayWebhookUrl;

    public Uri GatewaySidecarHttp => mesh.Sidecars["webhook-gateway"].HttpEndpoint;

    public string? GatewaySidecarApiToken => mesh.Sidecars["webhook-gateway"].Options.DaprApiToken;

    public static async Task<EmulatedMesh> StartAsync() =>
        new(await DevMesh.Mesh.StartAsync(MeshSettings.EmulatedOptions()));

    public Task<OrderProgress?> GetOrderAsync(string orderId) => mesh.GetOrderAsync(orderId);

    public Task<OrderProgress> WaitForSettledAsync(string orderId, TimeSpan timeout) => mesh.WaitForSettledAsync(orderId, timeout);

    public Task<IReadOnlyList<string>> DeadLetteredOrderIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(
            [.. mesh.Sidecars.PublishedTo("fbamesh-pubsub", "orders.received.deadletter").Select(e => EventOrderId.Of(e.Json))]);

    public Task KillAsync(string appId) => mesh.KillAsync(appId);

    public Task RestartAsync(string appId) => mesh.RestartAsync(appId);

    public ValueTask DisposeAsync() => mesh.DisposeAsync();
}
