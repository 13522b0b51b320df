using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.WebhookGateway;
using Microsoft.AspNetCore.Builder;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// The real gateway (WebhookGatewayApp.Build, as its Program.cs runs it, Production environment) in
/// this process, beside its emulated sidecar reading the repository's components/ (secret store over
/// secrets.dev.json, in-memory pub/sub). Nobody subscribes, so publishes cost the gateway only.
/// </summary>
public sealed class GatewayUnderLoad : IGatewayTarget
{
    public const string WebhookPath = "/api/webhooks/order/created-fba";

    private readonly DaprEmulatorHost sidecar;
    private readonly WebApplication app;

    private GatewayUnderLoad(DaprEmulatorHost sidecar, WebApplication app, Uri url, int sidecarGrpcPort) =>
        (this.sidecar, this.app, Url, SidecarGrpcPort) = (sidecar, app, url, sidecarGrpcPort);

    public Uri Url { get; }

    public int SidecarGrpcPort { get; }

    public string? SidecarApiToken => null;

    public int Published => sidecar.PublishedTo("fbamesh-pubsub", "orders.received").Count;

    public static async Task<GatewayUnderLoad> StartAsync(string repositoryRoot, IReadOnlyList<string>? settings = null)
    {
        var (http, grpc, appPort) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        var sidecar = await DaprEmulatorHost.StartAsync([new SidecarOptions("webhook-gateway")
        {
            DaprHttpPort = http,
            DaprGrpcPort = grpc,
            ResourcesPath = Path.Combine(repositoryRoot, "components"),
            ConfigFile = Path.Combine(repositoryRoot, "components", "configuration", "webhook-gateway.yaml"),
            AppDirectory = Path.Combine(repositoryRoot, "services", "webhook-gateway"),
        }]);
        string[] args =
        [
            "--urls", $"http://127.0.0.1:{appPort}",
            "--environment", "Production",
            $"--DAPR_GRPC_PORT={grpc}",
            $"--DAPR_HTTP_PORT={http}",
            // Required outside Development: the URL the bodies are signed for, and the dev secret's tenant.
            $"--Webhook:PublicBaseUrl=http://127.0.0.1:{appPort}",
            "--Webhook:TenantIdentifier=fbamesh-dev",
            // The service's own log level (Information) stays, but the console sink is left out so the
            // bench's display stays readable: writing log lines is not in the figures (see BENCHMARKS.md).
            "--Logging:LogLevel:Default=Information",
        ];
        var app = WebhookGatewayApp.Build([.. args, .. (settings ?? []).Select(s => "--" + s)], builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return new GatewayUnderLoad(sidecar, app, new Uri($"http://127.0.0.1:{appPort}{WebhookPath}"), grpc);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await sidecar.DisposeAsync();
    }
}
