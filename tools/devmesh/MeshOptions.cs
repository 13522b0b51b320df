using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.SpApiEmulator;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DevMesh;

/// <summary>What <see cref="Mesh.StartAsync"/> starts and how. Defaults are the README's one-command mesh.</summary>
public sealed class MeshOptions
{
    private string? repositoryRoot;

    /// <summary>The folder holding dapr.yaml and FbaMesh.sln; found from the working directory by default.</summary>
    public string RepositoryRoot
    {
        get => repositoryRoot ??= RepositoryLocator.Find();
        set => repositoryRoot = value;
    }

    /// <summary>The Dapr multi-app run file, relative to <see cref="RepositoryRoot"/>.</summary>
    public string RunFile { get; set; } = "dapr.yaml";

    /// <summary>Every port fresh (apps, sidecars, emulators), so meshes can run side by side in tests.</summary>
    public bool UseFreePorts { get; set; }

    public bool UseCrystallizeEmulator { get; set; } = true;

    public bool UseSpApiEmulator { get; set; } = true;

    public Action<CrystallizeEmulatorOptions>? ConfigureCrystallize { get; set; }

    public Action<SpApiEmulatorOptions>? ConfigureSpApi { get; set; }

    /// <summary>Extra environment per app id, applied last (e.g. "order-enricher" → Mapping__SkuMap__X).</summary>
    public IDictionary<string, IDictionary<string, string>> AppEnvironment { get; set; } =
        new Dictionary<string, IDictionary<string, string>>(StringComparer.Ordinal);

    public ILoggerFactory? Logging { get; set; }

    /// <summary>A service that exits unexpectedly is reported and started again with backoff.</summary>
    public bool SuperviseRestarts { get; set; } = true;

    /// <summary>
    /// The secrets file the sidecars' local-file store reads and the emulators are configured from.
    /// Null: components/secrets.dev.json with emulators only, components/secrets.local.json (git-ignored)
    /// as soon as one upstream is real. Credentials never travel on a command line.
    /// </summary>
    public string? SecretsFile { get; set; }

    /// <summary>Random DAPR_API_TOKEN and APP_API_TOKEN per app, so the token paths run as in production.</summary>
    public bool UseApiTokens { get; set; } = true;

    /// <summary>Where each service's console output goes (one file per app id); null: .devmesh/logs.</summary>
    public string? LogDirectory { get; set; }

    /// <summary>Webhook__PublicBaseUrl for the gateway (a tunnel URL when a real Crystallize calls in).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Null: emulated sidecars in this process (no Dapr runtime needed). Otherwise these, e.g. daprd in containers.</summary>
    public ISidecarRuntime? SidecarRuntime { get; set; }

    /// <summary>
    /// How long a queue binding's message stays invisible after an emulated sidecar received it: how soon
    /// a message the app did not handle comes back. SQS's default VisibilityTimeout unless set.
    /// </summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// New schedules for cron input bindings, by component name (the bench's short fbamesh-redrive and
    /// fbamesh-reconcile); the components are then read from an overlay of the resources folder.
    /// </summary>
    public IDictionary<string, string> CronSchedules { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long one service may take to answer /readyz after it was started.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Build configuration whose service binaries run; devmesh's own by default.</summary>
    public string BuildConfiguration { get; set; } = BuildInfo.Configuration;

    /// <summary>Variables this process changed for itself only: children get these (original) values; null removes.</summary>
    internal Dictionary<string, string?> ParentOnlyEnvironment { get; } = new(StringComparer.Ordinal);

    internal string ResolvedSecretsFile => SecretsFile is { } file
        ? Path.GetFullPath(file, RepositoryRoot)
        : Path.Combine(RepositoryRoot, "components",
            UseCrystallizeEmulator && UseSpApiEmulator ? "secrets.dev.json" : "secrets.local.json");

    internal string ResolvedLogDirectory => Path.GetFullPath(LogDirectory ?? Path.Combine(".devmesh", "logs"), RepositoryRoot);
}
