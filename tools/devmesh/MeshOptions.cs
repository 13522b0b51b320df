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

    /// <summary>Processes per app id (default 1), each with its own emulated sidecar; see <see cref="ReplicaCounts"/>.</summary>
    public IDictionary<string, int> Replicas { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

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
    /// New schedules for cron input bindings, by component name (the bench's short fbamesh-redrive and
    /// fbamesh-reconcile); the components are then read from an overlay of the resources folder.
    /// </summary>
    public IDictionary<string, string> CronSchedules { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Deliveries in flight per subscribed sidecar on every pub/sub component (its <c>concurrency</c>; Dapr's
    /// default is 10), sized to the usage plan the mesh runs (DESIGN §14); null keeps the components' own.
    /// The components are then read from an overlay of the resources folder.
    /// </summary>
    public int? PubSubConcurrency { get; set; }

    /// <summary>How long one service may take to answer /readyz after it was started.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Durable mode: pub/sub and state in a real redis-server (components/durable) instead of memory, so
    /// a crash of the whole mesh loses nothing that Redis acknowledged. Emulated sidecars only.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>Durable mode: an already running Redis (host:port) to use; null starts Debian's redis-server on a free port.</summary>
    public string? RedisHost { get; set; }

    /// <summary>Durable mode: where the started redis-server keeps its data; null: .devmesh/redis.</summary>
    public string? RedisDataDirectory { get; set; }

    /// <summary>
    /// Emulators that already run elsewhere (see <see cref="StandaloneUpstreams"/>), e.g. kept alive by a
    /// chaos run while it kills the whole mesh: the services are pointed at them and none is started here.
    /// Their credentials are those of the secrets file, as for the emulators devmesh starts.
    /// </summary>
    public RunningUpstreams? RunningUpstreams { get; set; }

    /// <summary>Build configuration whose service binaries run; devmesh's own by default.</summary>
    public string BuildConfiguration { get; set; } = BuildInfo.Configuration;

    /// <summary>Variables this process changed for itself only: children get these (original) values; null removes.</summary>
    internal Dictionary<string, string?> ParentOnlyEnvironment { get; } = new(StringComparer.Ordinal);

    internal string ResolvedSecretsFile => SecretsFile is { } file
        ? Path.GetFullPath(file, RepositoryRoot)
        : Path.Combine(RepositoryRoot, "components",
            UseCrystallizeEmulator && UseSpApiEmulator ? "secrets.dev.json" : "secrets.local.json");

    internal string ResolvedRedisDataDirectory => Path.GetFullPath(RedisDataDirectory ?? Path.Combine(".devmesh", "redis"), RepositoryRoot);

    internal string ResolvedLogDirectory => Path.GetFullPath(LogDirectory ?? Path.Combine(".devmesh", "logs"), RepositoryRoot);
}

/// <summary>Where already running emulators listen: Crystallize's order API, the SP-API base address and its LWA token endpoint.</summary>
public sealed record RunningUpstreams(Uri CrystallizeOrderApi, Uri SpApi, Uri SpApiTokenEndpoint, Uri? CrystallizeBase = null);
