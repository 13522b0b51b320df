using System.Net;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.DaprEmulator;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>The submitter behind its emulated Dapr sidecar, with secrets from the repository's components/.</summary>
public class SidecarTests
{
    [Fact]
    public async Task A_submit_invoked_through_the_enrichers_sidecar_with_dapr_app_id_creates_the_order_and_the_app_is_serving()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        var appPort = FreeTcpPort.Next();
        await using var dapr = await DaprEmulatorHost.StartAsync([Sidecar.ForSubmitter(appPort), Sidecar.ForEnricherCaller()]);
        var sidecar = dapr[Sidecar.AppId];
        await using var submitter = await SubmitterHost.StartAsync(sidecar.Settings(AmazonEmulator.SettingsFor(amazon)), daprSecretStore: true, port: appPort);
        using var channel = GrpcChannel.ForAddress(dapr[Sidecar.CallerAppId].GrpcEndpoint);
        var viaSidecar = new FulfillmentOrdersClient(channel.CreateCallInvoker());
        var request = Orders.Valid();

        var answer = await viaSidecar.SubmitAsync(request, new Metadata { { "dapr-app-id", Sidecar.AppId } });
        var health = await new Health.HealthClient(submitter.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task With_an_app_api_token_the_sidecar_gets_through_and_a_direct_caller_without_it_does_not()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        var appPort = FreeTcpPort.Next();
        await using var dapr = await DaprEmulatorHost.StartAsync(
            [Sidecar.ForSubmitter(appPort, appApiToken: "app-token-for-tests"), Sidecar.ForEnricherCaller()]);
        var sidecar = dapr[Sidecar.AppId];
        var settings = sidecar.Settings(AmazonEmulator.SettingsFor(amazon, ("APP_API_TOKEN", "app-token-for-tests")));
        await using var submitter = await SubmitterHost.StartAsync(settings, daprSecretStore: true, port: appPort);
        using var channel = GrpcChannel.ForAddress(dapr[Sidecar.CallerAppId].GrpcEndpoint);

        var answer = await new FulfillmentOrdersClient(channel.CreateCallInvoker()).SubmitAsync(Orders.Valid(), new Metadata { { "dapr-app-id", Sidecar.AppId } });
        var direct = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(StatusCode.Unauthenticated, direct.StatusCode);
        Assert.Equal(1, amazon.Stats.Creates);
    }

    [Fact]
    public async Task Only_the_apps_its_access_control_names_may_invoke_the_submitter()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        var appPort = FreeTcpPort.Next();
        var gateway = Sidecar.ForEnricherCaller() with
        {
            AppId = "webhook-gateway",
            AppDirectory = RepositoryPaths.Combine("services", "webhook-gateway"),
            ConfigFile = "../../components/configuration/webhook-gateway.yaml",
        };
        await using var dapr = await DaprEmulatorHost.StartAsync([Sidecar.ForSubmitter(appPort), gateway]);
        var sidecar = dapr[Sidecar.AppId];
        await using var submitter = await SubmitterHost.StartAsync(sidecar.Settings(AmazonEmulator.SettingsFor(amazon)), daprSecretStore: true, port: appPort);
        using var channel = GrpcChannel.ForAddress(dapr["webhook-gateway"].GrpcEndpoint);

        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            new FulfillmentOrdersClient(channel.CreateCallInvoker()).SubmitAsync(Orders.Valid(), new Metadata { { "dapr-app-id", Sidecar.AppId } }));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(0, amazon.Stats.Creates);
    }

    [Fact]
    public async Task A_store_without_the_sp_api_secret_leaves_the_app_up_not_serving_with_the_reason()
    {
        var resources = MissingSecretResources();
        using var cleanup = new DeleteOnDispose(resources);
        var appPort = FreeTcpPort.Next();
        await using var dapr = await DaprEmulatorHost.StartAsync([Sidecar.ForSubmitter(appPort, resources)]);
        var sidecar = dapr[Sidecar.AppId];
        await using var submitter = await SubmitterHost.StartAsync(sidecar.Settings([]), daprSecretStore: true, port: appPort, waitForCredentials: false);
        await Eventually.UntilAsync(() => submitter.Credentials.Problem?.Contains("Could not read", StringComparison.Ordinal) == true, "the failed secret read");

        var health = await new Health.HealthClient(submitter.Channel).CheckAsync(new HealthCheckRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));
        var readiness = await ReadyzAsync(submitter.Address);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Status);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("secret 'sp-api'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.Status);
        Assert.Contains("sp-api-credentials", readiness.Body, StringComparison.Ordinal);
        Assert.Contains("Could not read secret", readiness.Body, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyzAsync(Uri app)
    {
        // The app speaks HTTP/2 only (h2c, as daprd proxies gRPC), so probes use prior knowledge too.
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync(new Uri(app, "readyz"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed class DeleteOnDispose(string dir) : IDisposable
    {
        public void Dispose() => Directory.Delete(dir, recursive: true);
    }

    private static string MissingSecretResources()
    {
        var dir = Directory.CreateTempSubdirectory("fbamesh-submitter-").FullName;
        File.WriteAllText(Path.Combine(dir, "secrets.json"), """{ "crystallize-webhook": { "signatureSecret": "fake" } }""");
        File.WriteAllText(Path.Combine(dir, "secretstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: fbamesh-secrets
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - name: secretsFile
                  value: {Path.Combine(dir, "secrets.json")}
                - name: multiValued
                  value: "true"
            """);
        return dir;
    }
}
