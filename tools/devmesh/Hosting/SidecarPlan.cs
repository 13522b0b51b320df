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

    public static SidecarPlan Create(MeshOptions options, MeshSecrets secrets, PortPlan ports)
    {
        var runFile = Path.Combine(options.RepositoryRoot, options.RunFile);
        if (!File.Exists(runFile))
        {
            throw new Processes.MeshStartException($"Run file {runFile} does not exist.");
        }

        var fromRunFile = DaprEmulatorHost.ReadRunFile(runFile).ToList();
        var devSecrets = Path.Combine(options.RepositoryRoot, "components", "secrets.dev.json");
        var overlay = (PathsEqual(secrets.Path, devSecrets) && options.CronSchedules.Count == 0) || fromRunFile.Count == 0
            ? null
            : ResourcesOverlay.Create(ResolvedResourcesPath(fromRunFile[0]), secrets.Path, options.CronSchedules.AsReadOnly());

        // Held in memory only: the secrets file (the committed dev one, too) never sees it.
        var operatorToken = NewToken();
        SecretOverlay[] operatorSecret = [new(SecretStore, OperatorSecret, new Dictionary<string, string> { [OperatorTokenKey] = operatorToken })];
        var sidecars = fromRunFile.Select(s => s with
        {
            DaprHttpPort = ports.Pick(s.DaprHttpPort),
            DaprGrpcPort = ports.Pick(s.DaprGrpcPort),
            AppPort = ports.Pick(s.AppPort),
            ResourcesPath = overlay?.Path ?? s.ResourcesPath,
            DaprApiToken = options.UseApiTokens ? NewToken() : s.DaprApiToken,
            AppApiToken = options.UseApiTokens ? NewToken() : s.AppApiToken,
            SecretOverlays = [.. s.SecretOverlays, .. operatorSecret],
            QueueVisibilityTimeout = options.QueueVisibilityTimeout,
        }).ToList();
        return new SidecarPlan(sidecars, overlay, operatorToken);
    }

    /// <summary>
    /// Where to POST one message for each queue binding (bindings.aws.sqs) an app's sidecar loads, by
    /// binding name (e.g. the SP-API emulator's notifications URL). Known before the sidecars start.
    /// Empty for an app that is not in the run file or loads none.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> BindingFeeds(string appId) =>
        Sidecars.FirstOrDefault(s => s.AppId == appId) is { } sidecar ? DaprEmulatorHost.BindingFeedUrls(sidecar) : new Dictionary<string, Uri>();

    private static string ResolvedResourcesPath(SidecarOptions sidecar) =>
        Path.GetFullPath(sidecar.ResourcesPath, sidecar.AppDirectory);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
