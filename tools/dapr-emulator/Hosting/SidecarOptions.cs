namespace FbaMesh.DaprEmulator;

/// <summary>
/// One emulated sidecar: the app it serves and the ports it listens on, as one entry of a Dapr
/// multi-app run file describes them. Relative paths resolve from <see cref="AppDirectory"/>,
/// which is where daprd runs under <c>dapr run -f .</c>.
/// </summary>
public sealed record SidecarOptions(string AppId)
{
    public int DaprHttpPort { get; init; }

    public int DaprGrpcPort { get; init; }

    /// <summary>The app's port; null for an app that only calls its sidecar (no subscriptions, no invocation).</summary>
    public int? AppPort { get; init; }

    /// <summary>"http" or "grpc" (h2c), as appProtocol in dapr.yaml.</summary>
    public string AppProtocol { get; init; } = "http";

    public string? AppHost { get; init; } = "127.0.0.1";

    /// <summary>The resources folder (components, resiliency); its top-level YAML files are read, as daprd reads them.</summary>
    public string ResourcesPath { get; init; } = "components";

    /// <summary>The app's Dapr Configuration (secret scopes, access control); relative to <see cref="AppDirectory"/>.</summary>
    public string? ConfigFile { get; init; }

    public string AppDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>DAPR_API_TOKEN: calls to this sidecar must carry it in dapr-api-token.</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>APP_API_TOKEN: this sidecar sends it to the app in dapr-api-token.</summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// The namespace in this sidecar's SPIFFE id, which callees' access control policies match. As daprd in
    /// self-hosted mode: NAMESPACE from the environment, "default" when it is not set.
    /// </summary>
    public string Namespace { get; init; } = Environment.GetEnvironmentVariable("NAMESPACE") ?? "default";

    /// <summary>
    /// How long a message this sidecar receives from an emulated bindings.aws.sqs queue stays invisible, i.e.
    /// how soon a message the app did not handle (non-2xx, app down) is delivered again. SQS takes it from the
    /// queue's VisibilityTimeout attribute (default 30 s), not from the component, so it is set here.
    /// </summary>
    public TimeSpan QueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Secrets served in addition to (and over) a local-file store's file, held in memory only.</summary>
    public IReadOnlyList<SecretOverlay> SecretOverlays { get; init; } = [];

    internal string ResolvePath(string path) => Path.GetFullPath(path, AppDirectory);

    internal Uri? AppBaseAddress => AppPort is { } port ? new Uri($"http://{AppHost ?? "127.0.0.1"}:{port}") : null;

    internal bool AppSpeaksGrpc => string.Equals(AppProtocol, "grpc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One secret (name and values) that a local-file secret store serves as if its file held it.</summary>
public sealed record SecretOverlay(string StoreName, string SecretName, IReadOnlyDictionary<string, string> Values);
