using FbaMesh.DaprEmulator;

namespace FbaMesh.DevMesh;

/// <summary>
/// Sidecars other than the built-in emulator, e.g. real daprd in containers for tests that want the
/// production runtime. The mesh hands over the planned sidecars (app ids, app ports, tokens) and runs
/// the services against the sidecars as started. The caller owns the runtime and disposes it after
/// the mesh.
/// </summary>
public interface ISidecarRuntime : IAsyncDisposable
{
    /// <summary>Starts one sidecar per planned app; returns them as started (their real ports, the app host they call).</summary>
    Task<IReadOnlyList<SidecarOptions>> StartAsync(IReadOnlyList<SidecarOptions> planned, CancellationToken ct);
}
