using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh;
using Testcontainers.Redis;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// Real daprd sidecars, one container per app, with Redis for pub/sub and state: the production
/// runtime, for the same scenarios the emulator runs. The services stay processes on this machine;
/// daprd reaches them through Testcontainers' host gateway.
/// </summary>
public sealed class DaprdSidecars : ISidecarRuntime
{
    public const string DaprdImage = "daprio/daprd:1.16.2";
    private const int DaprHttp = 3500;
    private const int DaprGrpc = 50001;

    private readonly INetwork network = new NetworkBuilder().Build();
    private readonly RedisContainer redis;
    private readonly List<IContainer> sidecars = [];
    private readonly string resources = Path.Combine(Path.GetTempPath(), "fbamesh-daprd-" + Guid.NewGuid().ToString("n"));

    public DaprdSidecars()
    {
        redis = new RedisBuilder("redis:7-alpine").WithNetwork(network).WithNetworkAliases("redis").Build();
    }

    public RedisContainer Redis => redis;

    public async Task<IReadOnlyList<SidecarOptions>> StartAsync(IReadOnlyList<SidecarOptions> planned, CancellationToken ct)
    {
        await network.CreateAsync(ct);
        await redis.StartAsync(ct);
        DaprdResources.Write(resources, planned);

        var started = new List<SidecarOptions>();
        foreach (var app in planned)
        {
            if (app.AppPort is { } appPort)
            {
                await TestcontainersSettings.ExposeHostPortsAsync((ushort)appPort, ct);
            }

            var container = Daprd(app);
            sidecars.Add(container);
            await container.StartAsync(ct);
            started.Add(app with
            {
                DaprHttpPort = container.GetMappedPublicPort(DaprHttp),
                DaprGrpcPort = container.GetMappedPublicPort(DaprGrpc),
                AppHost = "host.testcontainers.internal",
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

        await redis.DisposeAsync();
        await network.DisposeAsync();
        if (Directory.Exists(resources))
        {
            Directory.Delete(resources, recursive: true);
        }
    }

    private IContainer Daprd(SidecarOptions app)
    {
        string[] command =
        [
            "--app-id", app.AppId,
            "--app-protocol", app.AppProtocol,
            "--app-channel-address", "host.testcontainers.internal",
            "--resources-path", "/dapr/components",
            "--config", $"/dapr/configuration/{app.AppId}.yaml",
            "--dapr-http-port", DaprHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dapr-grpc-port", DaprGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--log-level", "info",
        ];
        if (app.AppPort is { } port)
        {
            command = [.. command, "--app-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        var builder = new ContainerBuilder(DaprdImage)
            .WithNetwork(network)
            .WithEntrypoint("./daprd")
            .WithCommand(command)
            .WithResourceMapping(new DirectoryInfo(resources), "/dapr/")
            .WithPortBinding(DaprHttp, assignRandomHostPort: true)
            .WithPortBinding(DaprGrpc, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(DaprHttp));
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
