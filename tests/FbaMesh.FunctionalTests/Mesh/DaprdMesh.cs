using System.Text.RegularExpressions;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>The same mesh with real daprd sidecars and Redis in containers (Docker only).</summary>
public sealed partial class DaprdMesh(DevMesh.Mesh mesh, DaprdSidecars sidecars) : IMeshUnderTest
{
    public CrystallizeEmulator.CrystallizeEmulatorApp Crystallize => mesh.Crystallize!;

    public SpApiEmulator.SpApiEmulatorApp SpApi => mesh.SpApi!;

    public Uri GatewayWebhookUrl => mesh.Endpoints.GatewayWebhookUrl;

    public Uri GatewaySidecarHttp => sidecars.HttpEndpoints["webhook-gateway"];

    public string? GatewaySidecarApiToken => null;

    public static async Task<DaprdMesh> StartAsync()
    {
        var options = MeshSettings.EmulatedOptions();
        var sidecars = new DaprdSidecars(options.AppEnvironment);
        options.SidecarRuntime = sidecars;
        options.UseApiTokens = false;
        var mesh = await DevMesh.Mesh.StartAsync(options);
        try
        {
            // Ready apps are not enough: an event published before the enricher's sidecar has read
            // its subscriptions finds no subscriber. The mesh is up once the sidecar lists it.
            using var http = new HttpClient();
            await DaprdProbes.WaitForSubscriptionAsync(
                http, sidecars.HttpEndpoints["order-enricher"], "fbamesh-pubsub", "orders.received", options.ReadyTimeout);
        }
        catch
        {
            await mesh.DisposeAsync();
            await sidecars.DisposeAsync();
            throw;
        }

        return new DaprdMesh(mesh, sidecars);
    }

    public Task<OrderProgress?> GetOrderAsync(string orderId) => mesh.GetOrderAsync(orderId);

    public Task<OrderProgress> WaitForSettledAsync(string orderId, TimeSpan timeout) => mesh.WaitForSettledAsync(orderId, timeout);

    /// <summary>pubsub.redis keeps a topic as a Redis stream: read the dead-letter stream's events.</summary>
    public async Task<IReadOnlyList<string>> DeadLetteredOrderIdsAsync()
    {
        var result = await sidecars.Redis.ExecAsync(["redis-cli", "XRANGE", "orders.received.deadletter", "-", "+"]);
        return [.. OrderIdInEvent().Matches(result.Stdout).Select(m => m.Groups[1].Value).Distinct()];
    }

    public Task KillAsync(string appId) => mesh.KillAsync(appId);

    public Task RestartAsync(string appId) => mesh.RestartAsync(appId);

    public async ValueTask DisposeAsync()
    {
        await mesh.DisposeAsync();
        await sidecars.DisposeAsync();
    }

    [GeneratedRegex("\\\\?\"orderId\\\\?\":\\s*\\\\?\"([0-9a-f]{24})")]
    private static partial Regex OrderIdInEvent();
}
