using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.LoopbackPorts;
using FbaMesh.ServiceDefaults.Secrets;
using FbaMesh.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>The real submitter app on a free loopback port, with a gRPC client for it.</summary>
internal sealed class SubmitterHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GrpcChannel channel;

    private SubmitterHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        channel = GrpcChannel.ForAddress(address);
        Client = new FulfillmentOrdersClient(channel.CreateCallInvoker());
    }

    public Uri Address { get; }

    public FulfillmentOrdersClient Client { get; }

    public GrpcChannel Channel => channel;

    public IServiceProvider Services => this.app.Services;

    public SecretReader<SpApiCredentials> Credentials => this.app.Services.GetRequiredService<SecretReader<SpApiCredentials>>();

    /// <summary>
    /// Starts the app and, unless told not to wait for the credentials, waits for them and for the call-path warm-up.
    /// <paramref name="settings"/> are configuration keys (SpApi:...); stub handlers,
    /// when given, stand in for SP-API and LWA. Secrets come from a stub unless
    /// <paramref name="daprSecretStore"/>; without DAPR_* settings, Dapr points at a closed port.
    /// </summary>
    public static async Task<SubmitterHost> StartAsync(
        IDictionary<string, string>? settings = null,
        ISecretSource? secrets = null,
        HttpMessageHandler? spApi = null,
        HttpMessageHandler? lwa = null,
        Action<IServiceCollection>? overrides = null,
        bool waitForCredentials = true,
        bool daprSecretStore = false,
        int? port = null)
    {
        var appPort = port ?? FreeTcpPort.Next();
        var all = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{appPort}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{FreeTcpPort.Next()}",
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{FreeTcpPort.Next()}",
            ["SpApi:EndpointOverride"] = "http://sp-api.invalid/",
            ["SpApi:TokenEndpointOverride"] = "http://lwa.invalid/auth/o2/token",
            ["SpApi:InitialBackoff"] = "00:00:00.010",
            ["SpApi:MaxBackoff"] = "00:00:00.100",
            ["SpApi:SecretRetryInterval"] = "00:00:00.100",
            // One process paces alone unless a test gives it a sidecar with the shared plan's store.
            ["SharedPacing:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var args = all.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = SubmitterApp.Build(args, builder =>
        {
            var services = builder.Services;
            if (!daprSecretStore)
            {
                services.AddSingleton<ISecretSource>(secrets ?? new StubSecrets(StubSecrets.DevSecret));
            }

            if (spApi is not null)
            {
                services.AddHttpClient(SpApiTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => spApi).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            }

            if (lwa is not null)
            {
                services.AddHttpClient(LwaTokenClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => lwa).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            }

            overrides?.Invoke(services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var host = new SubmitterHost(app, new Uri($"http://127.0.0.1:{appPort}"));
        if (waitForCredentials)
        {
            await Eventually.UntilAsync(() => host.Credentials.Current is not null, "the submitter to load its credentials");
            // As in a deployment, calls come once the submitter is ready: after its warm-up (first token, shared plans).
            var warmUp = app.Services.GetRequiredService<CallPathWarmUp>();
            await Eventually.UntilAsync(() => warmUp.Outcome is not null, "the submitter to ready its call path");
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
