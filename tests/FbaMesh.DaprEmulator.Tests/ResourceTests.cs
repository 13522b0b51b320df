using FbaMesh.DaprEmulator.Cli;
using FbaMesh.DaprEmulator.Resources;
using FbaMesh.DaprEmulator.Secrets;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Grpc.Core;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>The repository's own dapr.yaml and components/, read unchanged, and what the emulator refuses.</summary>
public sealed class ResourceTests
{
    private static readonly string[] AppIds = ["webhook-gateway", "order-enricher", "fba-submitter", "fulfillment-tracker"];

    [Fact]
    public void Every_yaml_file_in_components_parses_as_a_named_dapr_resource()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Combine("components"), "*.yaml", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var documents = YamlDocuments.Read(file);
            Assert.NotEmpty(documents);
            Assert.All(documents, d =>
            {
                Assert.Equal("dapr.io/v1alpha1", d.Text("apiVersion"));
                Assert.Contains(d.Text("kind"), new[] { "Component", "Resiliency", "Configuration", "Subscription" });
                Assert.False(string.IsNullOrEmpty(d.Object("metadata").Text("name")), file);
            });
        }
    }

    [Fact]
    public void Dapr_yaml_loads_into_sidecar_options_with_each_apps_components_and_scopes()
    {
        var apps = DaprEmulatorHost.ReadRunFile(RepositoryPaths.Combine("dapr.yaml"));

        Assert.Equal(AppIds, apps.Select(a => a.AppId));
        Assert.Equal([3500, 3501, 3502, 3503], apps.Select(a => a.DaprHttpPort));
        Assert.Equal([50001, 50002, 50003, 50004], apps.Select(a => a.DaprGrpcPort));
        Assert.Equal([5100, 5200, 5300, 5600], apps.Select(a => a.AppPort ?? 0));
        Assert.Equal(["http", "http", "grpc", "http"], apps.Select(a => a.AppProtocol));
        foreach (var app in apps)
        {
            Assert.Equal(RepositoryPaths.Combine("components"), app.ResourcesPath);
            Assert.Equal(RepositoryPaths.Combine("services", app.AppId), app.AppDirectory);
            Assert.Equal(RepositoryPaths.Combine("components", "configuration", app.AppId + ".yaml"), app.ConfigFile);
            var loaded = ResourceLoader.Load(app.ResourcesPath, app.AppId);
            Assert.Contains(loaded.Components, c => c.Name == "fbamesh-secrets");
            Assert.Equal(app.AppId != "fba-submitter", loaded.Components.Any(c => c.Name == "fbamesh-pubsub"));
            // The submitter keeps its shared SP-API usage plans in the state store; the gateway keeps nothing.
            Assert.Equal(app.AppId != "webhook-gateway", loaded.Components.Any(c => c.Name == "fbamesh-state"));
            Assert.True(SecretScope.ReadConfiguration(app.ConfigFile).ContainsKey("fbamesh-secrets"));
        }

        var redelivery = ResourceLoader.Load(apps[1].ResourcesPath, "order-enricher").InboundRetries["fbamesh-pubsub"];
        Assert.True(redelivery.Exponential);
        Assert.Equal(TimeSpan.FromMilliseconds(500), redelivery.InitialInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), redelivery.MaxInterval);
        Assert.Equal(20, redelivery.MaxRetries);
    }

    [Fact]
    public async Task The_repository_mesh_reads_the_dev_secrets_with_each_apps_scopes()
    {
        var apps = DaprEmulatorHost.ReadRunFile(RepositoryPaths.Combine("dapr.yaml"))
            .Select(a => a with { DaprHttpPort = FreeTcpPort.Next(), DaprGrpcPort = FreeTcpPort.Next(), AppPort = null });
        await using var host = await DaprEmulatorHost.StartAsync(apps);
        using var gateway = host["webhook-gateway"].Client();
        using var submitter = host["fba-submitter"].Client();

        var crystallize = await gateway.GetSecretAsync("fbamesh-secrets", "crystallize-webhook");
        var spApi = await submitter.GetSecretAsync("fbamesh-secrets", "sp-api");
        var denied = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => gateway.GetSecretAsync("fbamesh-secrets", "sp-api")));
        var otherReaders = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => gateway.GetSecretAsync("fbamesh-secrets", "crystallize-api")));

        Assert.Contains("signatureSecret", crystallize.Keys);
        Assert.Equal(StatusCode.PermissionDenied, otherReaders.StatusCode);
        Assert.Contains("refreshToken", spApi.Keys);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task A_redis_component_without_redisHost_is_refused_at_start_naming_file_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("dapr-emulator-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "redis.yaml"),
                "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: cache\nspec:\n  type: state.redis\n  version: v1\n");

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                DaprEmulatorHost.StartAsync([Sidecars.For("any") with { ResourcesPath = folder.FullName }]));

            Assert.Contains("redis.yaml", error.Message, StringComparison.Ordinal);
            Assert.Contains("redisHost", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_component_type_is_refused_at_start_naming_file_and_type()
    {
        var folder = Directory.CreateTempSubdirectory("dapr-emulator-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "postgres.yaml"),
                "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: cache\nspec:\n  type: state.postgresql\n  version: v1\n");

            var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
                DaprEmulatorHost.StartAsync([Sidecars.For("any") with { ResourcesPath = folder.FullName }]));

            Assert.Contains("postgres.yaml", error.Message, StringComparison.Ordinal);
            Assert.Contains("state.postgresql", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_component_scoped_away_from_an_app_is_invisible_to_it()
    {
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("outsider"));
        using var publisher = host["publisher"].Client();
        using var outsider = host["outsider"].Client();

        var seen = (await publisher.GetMetadataAsync()).Components.Select(c => c.Name);
        var unseen = (await outsider.GetMetadataAsync()).Components.Select(c => c.Name);

        Assert.Contains("pubsub", seen);
        Assert.DoesNotContain("pubsub", unseen);
        Assert.Contains("statestore", unseen);
    }

    [Fact]
    public void The_command_line_refuses_an_app_id_the_run_file_does_not_have()
    {
        var apps = DaprEmulatorHost.ReadRunFile(RepositoryPaths.Combine("dapr.yaml"));

        var error = Assert.Throws<ArgumentException>(() => EmulatorRun.Select(apps, ["order-enricher", "billing"], null, null));
        var one = EmulatorRun.Select(apps, ["order-enricher"], "t", null);

        Assert.Contains("billing", error.Message, StringComparison.Ordinal);
        Assert.Equal("order-enricher", Assert.Single(one).AppId);
        Assert.Equal("t", one[0].DaprApiToken);
    }
}
