using System.Security.Cryptography;
using FbaMesh.DaprEmulator;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The sidecars of the run file as this mesh runs them: ports (fresh ones in tests), API tokens,
/// and the resources folder (an overlay when the secrets file is not the committed dev one).
/// </summary>
internal sealed record SidecarPlan(IReadOnlyList<SidecarOptions> Sidecars, ResourcesOverlay? Overlay)
{
    public static SidecarPlan Create(MeshOptions options, MeshSecrets secrets, PortPlan ports)
    {
        var runFile = Path.Combine(options.RepositoryRoot, options.RunFile);
        if (!File.Exists(runFile))
        {
            throw new Processes.MeshStartException($"Run file {runFile} does not exist.");
        }

        var fromRunFile = DaprEmulatorHost.ReadRunFile(runFile).ToList();
        var devSecrets = Path.Combine(options.RepositoryRoot, "components", "secrets.dev.json");
        var overlay = PathsEqual(secrets.Path, devSecrets) || fromRunFile.Count == 0
            ? null
            : ResourcesOverlay.Create(ResolvedResourcesPath(fromRunFile[0]), secrets.Path);

        var sidecars = fromRunFile.Select(s => s with
        {
            DaprHttpPort = ports.Pick(s.DaprHttpPort),
            DaprGrpcPort = ports.Pick(s.DaprGrpcPort),
            AppPort = ports.Pick(s.AppPort),
            ResourcesPath = overlay?.Path ?? s.ResourcesPath,
            DaprApiToken = options.UseApiTokens ? NewToken() : s.DaprApiToken,
            AppApiToken = options.UseApiTokens ? NewToken() : s.AppApiToken,
        }).ToList();
        return new SidecarPlan(sidecars, overlay);
    }

    private static string ResolvedResourcesPath(SidecarOptions sidecar) =>
        Path.GetFullPath(sidecar.ResourcesPath, sidecar.AppDirectory);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
