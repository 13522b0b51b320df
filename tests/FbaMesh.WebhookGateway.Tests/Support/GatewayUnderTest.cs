using FbaMesh.LoopbackPorts;
using FbaMesh.ServiceDefaults.Secrets;
using System.Diagnostics.Metrics;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>
/// The real gateway (WebhookGatewayApp.Build, as Program.cs runs it) on a free loopback port.
/// Without sidecar ports it points DaprClient at ports nobody listens on: a sidecar that is down.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private GatewayUnderTest(WebApplication app, Uri baseAddress, CapturedLogs logs)
    {
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Counter = new WebhookCounter(app.Services.GetRequiredService<IMeterFactory>());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public WebhookCounter Counter { get; }

    public Uri WebhookUrl => new(BaseAddress, Webhooks.Path);

    internal static async Task<GatewayUnderTest> StartAsync(
        ISecretSource? secrets = null,
        IDictionary<string, string>? settings = null,
        int? daprGrpcPort = null,
        int? daprHttpPort = null,
        string environment = "Production",
        Action<WebApplicationBuilder>? configure = null,
        string tenant = Webhooks.Tenant)
    {
        var port = FreeTcpPort.Next();
        settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (environment != "Development")
        {
            // Required outside Development; a test that is about them sets them itself (an empty value unsets).
            settings.TryAdd("Webhook:PublicBaseUrl", $"http://127.0.0.1:{port}");
            settings.TryAdd("Webhook:TenantIdentifier", tenant);
        }

        var args = new List<string>
        {
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", environment,
            $"--DAPR_GRPC_PORT={daprGrpcPort ?? FreeTcpPort.Next()}",
            $"--DAPR_HTTP_PORT={daprHttpPort ?? FreeTcpPort.Next()}",
            "--Logging:LogLevel:Default=Information",
        };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));

        var logs = new CapturedLogs();
        var app = WebhookGatewayApp.Build([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            if (secrets is not null)
            {
                builder.Services.RemoveAll<ISecretSource>();
                builder.Services.AddSingleton(secrets);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new GatewayUnderTest(app, new Uri($"http://127.0.0.1:{port}"), logs);
    }

    /// <summary>Signs for the URL this gateway sees (no public base URL configured).</summary>
    public HttpRequestMessage Signed(string body, string secret = Webhooks.Secret, string tenant = Webhooks.Tenant) =>
        Webhooks.Signed(BaseAddress, body, secret, tenant);

    public async ValueTask DisposeAsync()
    {
        Counter.Dispose();
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
