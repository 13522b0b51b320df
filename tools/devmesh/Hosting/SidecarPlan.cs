using System.Security.Cryptography;
using FbaMesh.DaprEmulator;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The sidecars of the run file as this mesh runs them: ports (fresh ones in tests), API tokens (a
/// Dapr API token and an app API token of its own for each app), the resources folder (an overlay when
/// the secrets file is not the committed dev one or cron schedules are overridden), and this run's operator token, which the secret
/// store serves as secret <c>operator</c> (key <c>token</c>) to the apps whose scopes allow it.
/// </summary>
internal sealed record SidecarPlan(IReadOnlyList<SidecarOptions> Sidecars, ResourcesOverlay? Overlay, string OperatorToken)
{
    /// <summary>The secret store of DESIGN §4, which serves the operator token.</summary>
    public const string SecretStore = "fbamesh-secrets";

    public const string OperatorSecret = "operator";

    public const string OperatorTokenKey = "token";

    /// <summary>The components of the durable mode, beside the in-memory ones.</summary>
    public static string DurableResources(MeshOptions options) => Path.Combine(options.RepositoryRoot, "components", "durable");

    public static SidecarPlan Create(MeshOptions options, MeshSecrets secrets, PortPlan ports, string? redisHost = null)
    {
        var runFile = Path.Combine(options.RepositoryRoot, options.RunFile);
        if (!File.Exists(runFile))
        {
            throw new Processes.MeshStartException($"Run file {runFile} does not exist.");
        }

        var fromRunFile = DaprEmulatorHost.ReadRunFile(runFile).ToList();
        var devSecrets = Path.Combine(options.RepositoryRoot, "components", "secrets.dev.json");
        var devSecretsFile = PathsEqual(secrets.Path, devSecrets);
        var overlay = fromRunFile.Count == 0 || (devSecretsFile && redisHost is null && options.CronSchedules.Count == 0 && options.PubSubConcurrency is null)
            ? null
            : ResourcesOverlay.Create(
                redisHost is null ? ResolvedResourcesPath(fromRunFile[0]) : DurableResources(options),
                devSecretsFile ? null : secrets.Path,
                redisHost,
                options.CronSchedules.AsReadOnly(),
                options.PubSubConcurrency);

        // Held in memory only: the secrets file (the committed dev one, too) never sees it.
        var operatorToken = NewToken();
        SecretOverlay[] operatorSecret = [new(SecretStore, OperatorSecret, new Dictionary<string, string> { [OperatorTokenKey] = operatorToken })];
        var unknown = options.Replicas.Keys.Where(app => fromRunFile.All(s => s.AppId != app)).ToList();
        if (unknown.Count > 0)
        {
            throw new Processes.MeshStartException(
                $"--replicas names {string.Join(", ", unknown)}, which {runFile} does not run; apps: {string.Join(", ", fromRunFile.Select(s => s.AppId))}.");
        }

        // Further replicas of an app take fresh ports, as pods of one Deployment each have their own.
        var sidecars = fromRunFile.SelectMany(s => Enumerable.Range(1, options.Replicas.TryGetValue(s.AppId, out var n) ? n : 1).Select(ordinal => s with
        {
            DaprHttpPort = ordinal == 1 ? ports.Pick(s.DaprHttpPort) : ports.NextFree(),
            DaprGrpcPort = ordinal == 1 ? ports.Pick(s.DaprGrpcPort) : ports.NextFree(),
            AppPort = ordinal == 1 ? ports.Pick(s.AppPort) : s.AppPort is null ? null : ports.NextFree(),
            ResourcesPath = overlay?.Path ?? s.ResourcesPath,
            DaprApiToken = options.UseApiTokens ? NewToken() : s.DaprApiToken,
            AppApiToken = options.UseApiTokens ? NewToken() : s.AppApiToken,
            SecretOverlays = [.. s.SecretOverlays, .. operatorSecret],
        })).ToList();
        return new SidecarPlan(sidecars, overlay, operatorToken);
    }

    /// <summary>
    /// Where to POST one message for each queue binding (bindings.aws.sqs) an app's sidecar loads, by
    /// binding name (e.g. the SP-API emulator's notifications URL): at the app's first sidecar, or at the
    /// sidecar on <paramref name="daprHttpPort"/> (a replica's own). Known before the sidecars start.
    /// Empty for an app that is not in the run file or loads none.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> BindingFeeds(string appId, int? daprHttpPort = null) =>
        Sidecars.FirstOrDefault(s => s.AppId == appId && (daprHttpPort is null || s.DaprHttpPort == daprHttpPort)) is { } sidecar
            ? DaprEmulatorHost.BindingFeedUrls(sidecar)
            : new Dictionary<string, Uri>();

    private static string ResolvedResourcesPath(SidecarOptions sidecar) =>
        Path.GetFullPath(sidecar.ResourcesPath, sidecar.AppDirectory);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
