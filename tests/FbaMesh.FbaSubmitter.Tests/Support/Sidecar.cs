using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>An emulated fba-submitter sidecar (as dapr.yaml declares it) in front of an app port.</summary>
public static class Sidecar
{
    public const string AppId = "fba-submitter";
    public const string CallerAppId = "order-enricher";

    /// <summary>The repository's own components/ and the submitter's Dapr Configuration (secret scopes).</summary>
    public static SidecarOptions ForSubmitter(int appPort, string? resourcesPath = null, string? appApiToken = null) => new(AppId)
    {
        DaprHttpPort = FreeTcpPort.Next(),
        DaprGrpcPort = FreeTcpPort.Next(),
        AppPort = appPort,
        AppProtocol = "grpc",
        ResourcesPath = resourcesPath ?? RepositoryPaths.Combine("components"),
        AppDirectory = RepositoryPaths.Combine("services", "fba-submitter"),
        ConfigFile = "../../components/configuration/fba-submitter.yaml",
        AppApiToken = appApiToken,
    };

    /// <summary>
    /// The enricher's sidecar with no app behind it: the caller that the submitter's accessControl lets in, so
    /// a test can invoke the submitter the way the enricher does.
    /// </summary>
    public static SidecarOptions ForEnricherCaller() => new(CallerAppId)
    {
        DaprHttpPort = FreeTcpPort.Next(),
        DaprGrpcPort = FreeTcpPort.Next(),
        ResourcesPath = RepositoryPaths.Combine("components"),
        AppDirectory = RepositoryPaths.Combine("services", "order-enricher"),
        ConfigFile = "../../components/configuration/order-enricher.yaml",
    };

    public static Dictionary<string, string> Settings(this EmulatedSidecar sidecar, Dictionary<string, string> settings)
    {
        settings["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint.ToString();
        settings["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint.ToString();
        return settings;
    }
}
