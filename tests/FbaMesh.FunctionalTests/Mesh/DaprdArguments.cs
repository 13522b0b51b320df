using System.Globalization;
using FbaMesh.DaprEmulator;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>The daprd command line for one app of the container mesh.</summary>
internal static class DaprdArguments
{
    public const int HttpPort = 3500;
    public const int GrpcPort = 50001;
    public const string AppHealthPath = "/healthz";

    /// <summary>Sentry on the mesh's network; daprd gets its mTLS identity there.</summary>
    public const string SentryAddress = "sentry:50001";

    public static string[] For(SidecarOptions app, string appHost)
    {
        List<string> arguments =
        [
            "--app-id", app.AppId,
            "--app-protocol", app.AppProtocol,
            "--app-channel-address", appHost,
            "--resources-path", DaprdResources.ComponentsInContainer,
            "--config", DaprdResources.ConfigurationInContainer(app.AppId),
            "--dapr-http-port", HttpPort.ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", GrpcPort.ToString(CultureInfo.InvariantCulture),
            "--log-level", "info",
            // accessControl decides on the caller's mTLS identity; without mTLS every invocation
            // falls to defaultAction (deny). The trust anchors come in DAPR_TRUST_ANCHORS.
            "--enable-mtls",
            "--sentry-address", SentryAddress,
        ];
        if (app.AppPort is { } port)
        {
            arguments.AddRange(["--app-port", port.ToString(CultureInfo.InvariantCulture)]);
        }

        // Through the port-forwarding tunnel a TCP check sees the app port open before the app
        // listens; an HTTP health check makes daprd read subscriptions on the first real answer.
        // The gRPC app serves no AppCallbackHealthCheck, so it gets none.
        if (app.AppPort is not null && !string.Equals(app.AppProtocol, "grpc", StringComparison.OrdinalIgnoreCase))
        {
            arguments.AddRange(["--enable-app-health-check", "--app-health-check-path", AppHealthPath]);
        }

        return [.. arguments];
    }
}
