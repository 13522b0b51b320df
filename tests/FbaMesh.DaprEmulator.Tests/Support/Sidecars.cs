using Dapr.Client;
using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>Sidecar options over the test resources, on free loopback ports, and DaprClients for them.</summary>
internal static class Sidecars
{
    public static string ResourcesPath => Path.Combine(AppContext.BaseDirectory, "TestResources", "components");

    public static string AppDirectory => Path.Combine(AppContext.BaseDirectory, "TestResources", "app");

    public static SidecarOptions For(string appId, int? appPort = null, string protocol = "http") => new(appId)
    {
        DaprHttpPort = FreeTcpPort.Next(),
        DaprGrpcPort = FreeTcpPort.Next(),
        AppPort = appPort,
        AppProtocol = protocol,
        ResourcesPath = ResourcesPath,
        AppDirectory = AppDirectory,
        ConfigFile = "config.yaml",
    };

    public static DaprClient Client(this EmulatedSidecar sidecar, string? apiToken = null)
    {
        var builder = new DaprClientBuilder()
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .UseHttpEndpoint(sidecar.HttpEndpoint.ToString());
        if (apiToken is not null)
        {
            builder.UseDaprApiToken(apiToken);
        }

        return builder.Build();
    }

    public static Task<DaprEmulatorHost> StartAsync(params SidecarOptions[] sidecars) => DaprEmulatorHost.StartAsync(sidecars);
}
