using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using DotNet.Testcontainers.Volumes;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh;
using Testcontainers.Redis;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// Real daprd sidecars, one container per app, with Redis for pub/sub and state: the production
/// runtime, for the same scenarios the emulator runs. The services stay processes on this machine;
/// daprd reaches them through Testcontainers' host port forwarding, they reach daprd at the
/// container host's name and the mapped ports.
/// </summary>
public sealed class DaprdSidecars(IDictionary<string, IDictionary<string, string>> appEnvironment) : ISidecarRuntime
{
    public const string DaprdImage = "daprio/daprd:1.16.2";
    public const string SentryImage = "daprio/sentry:1.16.2";
    public const string RedisImage = "redis:7-alpine";

    /// <summary>Self-hosted Sentry writes the CA it generates here: the nonroot user's home in its image.</summary>
    private const string SentryCredentials = "/home/nonroot";
    private const string AppHost = "host.testcontainers.internal";

    private readonly List<IContainer> sidecars = [];
    private readonly string resources = Path.Combine(Path.GetTempPath(), "fbamesh-daprd-" + Guid.NewGuid().ToString("n"));
    private INetwork? network;
    private IVolume? nameResolution;
    private RedisContainer? redis;
    private IContainer? sentry;

    public RedisContainer Redis => redis ?? throw new InvalidOperationException("The sidecars have not been started.");

    /// <summary>Each started sidecar's HTTP endpoint as this machine reaches it, by app id.</summary>
    public Dictionary<string, Uri> HttpEndpoints { get; } = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SidecarOptions>> StartAsync(IReadOnlyList<SidecarOptions> planned, CancellationToken ct)
    {
        // Once, with every app port, before the first container is built: a builder takes the
        // forwarding container's host entry when it is built.
        var appPorts = planned.Select(a => a.AppPort).OfType<int>().Select(p => (ushort)p).ToArray();
        await TestcontainersSettings.ExposeHostPortsAsync(appPorts, ct);

        network = new NetworkBuilder().Build();
        nameResolution = new VolumeBuilder().Build();
        redis = new RedisBuilder(RedisImage).WithNetwork(network).WithNetworkAliases("redis").Build();
        await network.CreateAsync(ct);
        await nameResolution.CreateAsync(ct);
        await redis.StartAsync(ct);
        DaprdResources.Write(resources, planned);
        var trustAnchors = await StartSentryAsync(network, ct);

        var started = new List<SidecarOptions>();
        foreach (var app in planned)
        {
            var container = Daprd(app, network, nameResolution, trustAnchors);
            sidecars.Add(container);
            await container.StartAsync(ct);
            var http = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(DaprdArguments.HttpPort)}");
            var grpc = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(DaprdArguments.GrpcPort)}");
            HttpEndpoints[app.AppId] = http;
            PointAppAt(app.AppId, http, grpc);
            started.Add(app with
            {
                DaprHttpPort = http.Port,
                DaprGrpcPort = grpc.Port,
                AppHost = AppHost,
            });
        }

        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in sidecars)
        {
            await sidecar.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        if (sentry is not null)
        {
            await sentry.DisposeAsync();
        }

        if (nameResolution is not null)
        {
            await nameResolution.DisposeAsync();
        }

        if (network is not null)
        {
            await network.DisposeAsync();
        }

        if (Directory.Exists(resources))
        {
            Directory.Delete(resources, recursive: true);
        }
    }

    /// <summary>
    /// Sentry issues each daprd its identity (spiffe://public/ns/default/app-id), which the callee's
    /// accessControl checks. It generates its CA on first start; the sidecars trust that CA's root.
    /// </summary>
    private async Task<string> StartSentryAsync(INetwork sidecarNetwork, CancellationToken ct)
    {
        const int Healthz = 8080;
        sentry = new ContainerBuilder(SentryImage)
            .WithNetwork(sidecarNetwork)
            .WithNetworkAliases("sentry")
            .WithEntrypoint("./sentry")
            .WithCommand(
                "--issuer-credentials", SentryCredentials,
                "--config", DaprdResources.SentryConfigurationInContainer,
                "--healthz-port", Healthz.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithResourceMapping(new DirectoryInfo(resources), DaprdResources.Root + "/")
            .WithPortBinding(Healthz, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(Healthz).ForPath("/healthz")))
            .Build();
        await sentry.StartAsync(ct);
        return System.Text.Encoding.UTF8.GetString(await sentry.ReadFileAsync(SentryCredentials + "/ca.crt", ct));
    }

    /// <summary>The services find their sidecar by endpoint: the container host, which is not always this machine.</summary>
    private void PointAppAt(string appId, Uri http, Uri grpc)
    {
        if (!appEnvironment.TryGetValue(appId, out var env))
        {
            env = new Dictionary<string, string>(StringComparer.Ordinal);
            appEnvironment[appId] = env;
        }

        env["DAPR_HTTP_ENDPOINT"] = http.ToString().TrimEnd('/');
        env["DAPR_GRPC_ENDPOINT"] = grpc.ToString().TrimEnd('/');
    }

    private IContainer Daprd(SidecarOptions app, INetwork sidecarNetwork, IVolume nameResolutionVolume, string trustAnchors)
    {
        var builder = new ContainerBuilder(DaprdImage)
            .WithNetwork(sidecarNetwork)
            .WithEntrypoint("./daprd")
            .WithCommand(DaprdArguments.For(app, AppHost))
            .WithResourceMapping(new DirectoryInfo(resources), DaprdResources.Root + "/")
            .WithVolumeMount(nameResolutionVolume, DaprdResources.NameResolutionFolder)
            .WithPortBinding(DaprdArguments.HttpPort, assignRandomHostPort: true)
            .WithPortBinding(DaprdArguments.GrpcPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request
                .ForPort(DaprdArguments.HttpPort)
                .ForPath(DaprdProbes.OutboundHealthPath)
                .ForStatusCode(DaprdProbes.OutboundHealthy)))
            .WithEnvironment("DAPR_TRUST_ANCHORS", trustAnchors);
        foreach (var (name, value) in Tokens(app))
        {
            builder = builder.WithEnvironment(name, value);
        }

        return builder.Build();
    }

    private static IEnumerable<(string, string)> Tokens(SidecarOptions app)
    {
        if (app.DaprApiToken is { } dapr)
        {
            yield return ("DAPR_API_TOKEN", dapr);
        }

        if (app.AppApiToken is { } appToken)
        {
            yield return ("APP_API_TOKEN", appToken);
        }
    }
}
