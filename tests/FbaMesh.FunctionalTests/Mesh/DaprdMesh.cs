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

    public Uri GatewaySidecarHttp => new($"http://127.0.0.1:{mesh.Endpoints.Services["webhook-gateway"].DaprHttpPort}");

    public string? GatewaySidecarApiToken => null;

    public static async Task<DaprdMesh> StartAsync()
    {
        var sidecars = new DaprdSidecars();
        var options = MeshSettings.EmulatedOptions();
        options.SidecarRuntime = sidecars;
        options.UseApiTokens = false;
        return new DaprdMesh(await DevMesh.Mesh.StartAsync(options), sidecars);
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
