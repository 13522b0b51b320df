using System.Net;
using System.Text.Json;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>The credentials devmesh makes per run: each app's own tokens and the operator token, served by the secret store.</summary>
public sealed class SidecarPlanTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("devmesh-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static SidecarPlan NewPlan()
    {
        var options = new MeshOptions { RepositoryRoot = RepositoryPaths.Root, UseFreePorts = true };
        return SidecarPlan.Create(options, MeshSecrets.Load(options.ResolvedSecretsFile), new PortPlan(options.UseFreePorts));
    }

    [Fact]
    public void Each_app_gets_a_dapr_api_token_and_an_app_api_token_of_its_own_and_its_service_is_told_them()
    {
        var plan = NewPlan();
        var options = new MeshOptions { RepositoryRoot = RepositoryPaths.Root };
        var upstreams = new UpstreamUrls(null, null, null);

        var tokens = plan.Sidecars.SelectMany(s => new[] { s.DaprApiToken, s.AppApiToken }).ToList();

        Assert.Equal(3, plan.Sidecars.Count);
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{48}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(plan.OperatorToken, tokens);
        foreach (var sidecar in plan.Sidecars)
        {
            var env = ServiceEnvironment.Define(sidecar, options, upstreams).Environment;
            Assert.Equal(sidecar.DaprApiToken, env["DAPR_API_TOKEN"]);
            Assert.Equal(sidecar.AppApiToken, env["APP_API_TOKEN"]);
        }
    }

    [Fact]
    public void The_operator_token_is_new_each_run_and_every_sidecars_secret_store_holds_it()
    {
        var first = NewPlan();
        var second = NewPlan();

        Assert.Matches("^[0-9a-f]{48}$", first.OperatorToken);
        Assert.NotEqual(first.OperatorToken, second.OperatorToken);
        Assert.All(first.Sidecars, s =>
        {
            var overlay = Assert.Single(s.SecretOverlays);
            Assert.Equal(("fbamesh-secrets", "operator"), (overlay.StoreName, overlay.SecretName));
            Assert.Equal(new Dictionary<string, string> { ["token"] = first.OperatorToken }, overlay.Values);
        });
    }

    [Fact]
    public async Task The_secret_store_serves_the_operator_token_to_apps_whose_scopes_allow_it_and_writes_it_nowhere()
    {
        var plan = NewPlan();
        var allowing = await ConfigurationAsync("allowing.yaml", "operator");
        var denying = await ConfigurationAsync("denying.yaml", "sp-api");
        var sidecars = plan.Sidecars.Select((s, i) => s with { AppPort = null, ConfigFile = i == 0 ? allowing : denying }).ToList();
        await using var host = await DaprEmulatorHost.StartAsync(sidecars);

        using var allowed = await GetSecretAsync(host.Sidecars[0], "operator");
        using var denied = await GetSecretAsync(host.Sidecars[1], "operator");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var secret = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync());
        Assert.Equal(plan.OperatorToken, secret.RootElement.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain(plan.OperatorToken, await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(plan.OperatorToken, await File.ReadAllTextAsync(RepositoryPaths.Combine("components", "secrets.dev.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_bindings_feed_url_is_known_before_start_and_queues_a_message_without_a_token()
    {
        var resources = Directory.CreateDirectory(Path.Combine(folder, "components")).FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("components"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(resources, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(Path.Combine(resources, "notifications.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: amazon-notifications
            spec:
              type: bindings.aws.sqs
              version: v1
              metadata:
                - name: queueName
                  value: fbamesh-notifications
            scopes:
              - order-enricher
            """);
        var planned = NewPlan();
        var plan = planned with { Sidecars = [.. planned.Sidecars.Select(s => s with { ResourcesPath = resources, AppPort = null })] };
        var enricher = plan.Sidecars.Single(s => s.AppId == "order-enricher");

        var feeds = plan.BindingFeeds("order-enricher");

        Assert.Equal(new Uri($"http://127.0.0.1:{enricher.DaprHttpPort}/_emulator/bindings/amazon-notifications"), Assert.Single(feeds).Value);
        Assert.Empty(plan.BindingFeeds("webhook-gateway"));
        Assert.Empty(plan.BindingFeeds("no-such-app"));
        await using var host = await DaprEmulatorHost.StartAsync(plan.Sidecars);
        using var http = new HttpClient();
        using var fed = await http.PostAsync(feeds["amazon-notifications"], new StringContent("{\"n\":1}"));
        Assert.Equal(HttpStatusCode.Accepted, fed.StatusCode);
        Assert.Equal("{\"n\":1}", System.Text.Encoding.UTF8.GetString(Assert.Single(host.QueueMessages("fbamesh-notifications")).Body));
    }

    private static async Task<HttpResponseMessage> GetSecretAsync(EmulatedSidecar sidecar, string name)
    {
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1.0/secrets/fbamesh-secrets/{name}");
        request.Headers.Add("dapr-api-token", sidecar.Options.DaprApiToken);
        return await http.SendAsync(request);
    }

    private async Task<string> ConfigurationAsync(string name, string allowedSecret)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, $"""
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: {Path.GetFileNameWithoutExtension(name)}
            spec:
              secrets:
                scopes:
                  - storeName: fbamesh-secrets
                    defaultAccess: deny
                    allowedSecrets: ["{allowedSecret}"]
            """);
        return path;
    }
}
