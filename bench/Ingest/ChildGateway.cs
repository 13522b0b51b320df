using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// The gateway as devmesh runs it: its own process (Release build, its own Server GC, its JSON logs
/// to a file), its emulated sidecar in this process. The rest of the mesh runs too; the bodies'
/// orders are not in the Crystallize emulator, so the enricher only waits between read retries.
/// </summary>
public sealed class ChildGateway(Mesh mesh) : IGatewayTarget
{
    public Uri Url { get; } = mesh.Endpoints.GatewayWebhookUrl;

    public int SidecarGrpcPort => mesh.Endpoints.Services["webhook-gateway"].DaprGrpcPort;

    public string? SidecarApiToken => mesh.Sidecars["webhook-gateway"].Options.DaprApiToken;

    public int Published => mesh.Sidecars.PublishedTo("fbamesh-pubsub", "orders.received").Count;

    /// <param name="settings">NAME=VALUE configuration for the gateway, passed as its environment (":" as "__").</param>
    public static async Task<ChildGateway> StartAsync(IReadOnlyList<string> settings, IBenchProgress progress, CancellationToken ct)
    {
        var environment = settings.Select(s => s.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace(":", "__", StringComparison.Ordinal), p => p[1], StringComparer.Ordinal);
        var plan = new MeshPlan(50, 30) { Extra = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["webhook-gateway"] = environment } };
        var (mesh, _) = await BenchMesh.StartAsync(plan, progress, ct);
        return new ChildGateway(mesh);
    }

    public ValueTask DisposeAsync() => mesh.DisposeAsync();
}
