using FbaMesh.DaprEmulator.AccessControl;
using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.Hosting;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.Resources;
using FbaMesh.DaprEmulator.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator;

/// <summary>One emulated daprd: the Dapr HTTP and gRPC ports of one app, with that app's view of the components.</summary>
public sealed partial class EmulatedSidecar
{
    private readonly SubscriptionDiscovery discovery;
    private WebApplication? server;

    internal EmulatedSidecar(SidecarOptions options, SharedSidecarState shared)
    {
        (Options, Shared) = (options, shared);
        Logger = shared.Logging.CreateLogger($"FbaMesh.DaprEmulator.Sidecar.{options.AppId}");
        Resources = ResourceLoader.Load(options.ResolvePath(options.ResourcesPath), options.AppId);
        var configuration = options.ConfigFile is null ? null : options.ResolvePath(options.ConfigFile);
        SecretScopes = SecretScope.ReadConfiguration(configuration);
        SecretStores = Resources.Components.Where(c => c.Category == "secretstores")
            .ToDictionary(c => c.Name, c => LocalFileSecretStore.From(c, options), StringComparer.Ordinal);
        if (options.SecretOverlays.FirstOrDefault(o => !SecretStores.ContainsKey(o.StoreName)) is { } stray)
        {
            throw new InvalidDataException($"Secret '{stray.SecretName}' is to be served by secret store '{stray.StoreName}', which app '{options.AppId}' does not load.");
        }

        AccessControl = ReadAccessControl(configuration, options);
        Identity = new WorkloadIdentity(AccessControl?.TrustDomain ?? AccessControlList.DefaultTrustDomain, options.Namespace, options.AppId);
        discovery = new SubscriptionDiscovery(this, shared.AppHttp, Logger, shared.Stopping);
        Bindings = new SidecarBindings(this, shared.Bindings);
    }

    public string AppId => Options.AppId;

    public SidecarOptions Options { get; }

    /// <summary>The Dapr HTTP API (DAPR_HTTP_ENDPOINT).</summary>
    public Uri HttpEndpoint => new($"http://127.0.0.1:{Options.DaprHttpPort}");

    /// <summary>The Dapr gRPC API (DAPR_GRPC_ENDPOINT), also the gRPC service-invocation proxy.</summary>
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{Options.DaprGrpcPort}");

    /// <summary>Completes once the app's subscriptions were read (at once for apps without subscriptions to discover).</summary>
    public Task SubscriptionsDiscovered => discovery.FirstDiscovery;

    /// <summary>Completes once every input binding was probed (OPTIONS) and those the app listens for are read.</summary>
    public Task InputBindingsStarted => Bindings.Ready;

    /// <summary>The input bindings this sidecar reads: the app answered their probe, or their direction is input.</summary>
    public IReadOnlyList<string> ReadingBindings => Bindings.Reading;

    internal SidecarBindings Bindings { get; }

    internal SharedSidecarState Shared { get; }

    internal ILogger Logger { get; }

    internal LoadedResources Resources { get; }

    internal IReadOnlyDictionary<string, SecretScope> SecretScopes { get; }

    internal IReadOnlyDictionary<string, LocalFileSecretStore> SecretStores { get; }

    /// <summary>Who may invoke this app; null when its Configuration sets no access control (everyone may).</summary>
    internal AccessControlList? AccessControl { get; }

    /// <summary>
    /// The SPIFFE id this sidecar calls other apps with. Its trust domain is the one of its own
    /// Configuration's accessControl (default "public"), as Sentry issues it.
    /// </summary>
    internal WorkloadIdentity Identity { get; }

    internal ComponentSpec? Component(string name, string category) =>
        Resources.Components.FirstOrDefault(c => c.Name == name && c.Category == category);

    internal bool HasComponents(string category) => Resources.Components.Any(c => c.Category == category);

    internal RetryPolicy InboundRetryPolicy(string pubsub) =>
        Resources.InboundRetries.GetValueOrDefault(pubsub) ?? RetryPolicy.DefaultInbound;

    internal IReadOnlyList<Subscription> Subscriptions =>
        [.. Shared.Brokers.SelectMany(b => b.SubscriptionsOf(this))];

    /// <summary>APP_API_TOKEN: every call from the sidecar to the app carries it.</summary>
    internal void AddAppToken(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(Options.AppApiToken))
        {
            request.Headers.TryAddWithoutValidation("dapr-api-token", Options.AppApiToken);
        }
    }

    internal void AppUnreachable() => discovery.Rediscover();

    internal async Task StartAsync(CancellationToken ct)
    {
        server = SidecarServer.Build(this);
        await server.StartAsync(ct);
        Shared.Register(this);
        LogStarted(Logger, AppId, Options.DaprHttpPort, Options.DaprGrpcPort, Options.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", Options.AppProtocol);
        discovery.Rediscover();
        Bindings.Start(Shared.Stopping);
    }

    internal async Task StopAsync()
    {
        Shared.Unregister(this);
        discovery.Stop();
        Bindings.Stop();
        foreach (var broker in Shared.Brokers)
        {
            broker.Unsubscribe(this);
        }

        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
            server = null;
        }
    }

    private static AccessControlList? ReadAccessControl(string? configuration, SidecarOptions options)
    {
        if (string.IsNullOrEmpty(options.Namespace))
        {
            throw new InvalidDataException($"App '{options.AppId}': NAMESPACE is set but empty; daprd needs a namespace for its SPIFFE id.");
        }

        var spec = AccessControlReader.ReadConfiguration(configuration);
        try
        {
            return AccessControlList.From(spec, isHttp: !options.AppSpeaksGrpc);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{configuration}: {ex.Message}", ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Sidecar of {AppId}: Dapr HTTP port {HttpPort}, gRPC port {GrpcPort}, app port {AppPort} ({AppProtocol}).")]
    private static partial void LogStarted(ILogger logger, string appId, int httpPort, int grpcPort, string appPort, string appProtocol);
}
