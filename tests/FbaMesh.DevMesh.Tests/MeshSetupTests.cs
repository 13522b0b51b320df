using FbaMesh.DevMesh.Cli;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.DevMesh.Processes;
using FbaMesh.Testing;
using YamlDotNet.RepresentationModel;

namespace FbaMesh.DevMesh.Tests;

/// <summary>How devmesh prepares a mesh: options from the command line, secrets, resources, settings for the enricher.</summary>
public sealed class MeshSetupTests
{
    private static MeshCommandSettings Parse(params string[] args)
    {
        var options = new MeshCommandOptions();
        var command = new System.CommandLine.RootCommand();
        options.AddTo(command);
        var parse = command.Parse([.. args, "--repository", RepositoryPaths.Root]);
        Assert.Empty(parse.Errors);
        return options.Read(parse);
    }

    [Fact]
    public void By_default_both_emulators_run_on_the_committed_dev_secrets()
    {
        var settings = Parse();

        Assert.True(settings.Mesh.UseCrystallizeEmulator);
        Assert.True(settings.Mesh.UseSpApiEmulator);
        Assert.Equal(RepositoryPaths.Combine("components", "secrets.dev.json"), settings.Mesh.ResolvedSecretsFile);
        Assert.Equal(RepositoryPaths.Combine(".devmesh", "endpoints.json"), settings.EndpointsFile);
    }

    [Theory]
    [InlineData("--crystallize", "real")]
    [InlineData("--sp-api", "sandbox")]
    public void A_real_upstream_reads_credentials_from_the_git_ignored_local_secrets_file(string option, string value)
    {
        var settings = Parse(option, value);

        Assert.False(settings.Mesh.UseCrystallizeEmulator && settings.Mesh.UseSpApiEmulator);
        Assert.Equal(RepositoryPaths.Combine("components", "secrets.local.json"), settings.Mesh.ResolvedSecretsFile);
        Assert.Contains("components/secrets.local.json", File.ReadAllText(RepositoryPaths.Combine(".gitignore")), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_upstream_choices_are_refused()
    {
        var command = DevMeshCommandLine.Build();

        Assert.NotEmpty(command.Parse(["--crystallize", "production"]).Errors);
        Assert.NotEmpty(command.Parse(["--sp-api", "live"]).Errors);
    }

    [Fact]
    public void A_missing_secrets_file_says_how_to_make_one()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "secrets.local.json");

        var error = Assert.Throws<MeshStartException>(() => MeshSecrets.Load(missing));

        Assert.Contains("secrets.local.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("git-ignored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_names_the_key_and_never_a_value()
    {
        var secrets = MeshSecrets.Load(RepositoryPaths.Combine("components", "secrets.dev.json"));

        var error = Assert.Throws<MeshStartException>(() => secrets.Get("sp-api", "awsSecretAccessKey"));

        Assert.Contains("sp-api:awsSecretAccessKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets.Get("sp-api", "lwaClientSecret"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_points_the_local_file_secret_store_elsewhere_and_leaves_components_alone()
    {
        var original = File.ReadAllText(RepositoryPaths.Combine("components", "secretstore.yaml"));
        using var overlay = ResourcesOverlay.Create(RepositoryPaths.Combine("components"), "/somewhere/secrets.local.json");

        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(overlay.Path, "secretstore.yaml"))));
        var items = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["spec"])["metadata"];
        var secretsFile = items.Cast<YamlMappingNode>().Single(i => i["name"].ToString() == "secretsFile");

        Assert.Equal("/somewhere/secrets.local.json", secretsFile["value"].ToString());
        Assert.True(File.Exists(Path.Combine(overlay.Path, "pubsub.yaml")));
        Assert.Equal(original, File.ReadAllText(RepositoryPaths.Combine("components", "secretstore.yaml")));
    }

    [Fact]
    public void An_overlay_sets_the_deliveries_in_flight_of_every_pub_sub_component_and_nothing_else()
    {
        var original = File.ReadAllText(RepositoryPaths.Combine("components", "pubsub.yaml"));
        using var local = ResourcesOverlay.Create(RepositoryPaths.Combine("components"), null, pubSubConcurrency: 40);
        using var durable = ResourcesOverlay.Create(RepositoryPaths.Combine("components", "durable"), null, pubSubConcurrency: 40);

        // The in-memory component has no concurrency item: one is added, as the quoted string Dapr's metadata values are.
        var added = Metadata(Path.Combine(local.Path, "pubsub.yaml")).Single(i => i["name"].ToString() == "concurrency");
        Assert.Equal(("40", YamlDotNet.Core.ScalarStyle.DoubleQuoted), (added["value"].ToString(), ((YamlScalarNode)added["value"]).Style));
        Assert.Contains("\"40\"", File.ReadAllText(Path.Combine(local.Path, "pubsub.yaml")), StringComparison.Ordinal);

        // The Redis one has its own (10): replaced, not doubled; its other fields stay.
        var redis = Metadata(Path.Combine(durable.Path, "pubsub.yaml"));
        Assert.Equal("40", Assert.Single(redis, i => i["name"].ToString() == "concurrency")["value"].ToString());
        Assert.Contains(redis, i => i["name"].ToString() == "processingTimeout");

        // No other component type gets it.
        Assert.DoesNotContain(Metadata(Path.Combine(local.Path, "statestore.yaml")), i => i["name"].ToString() == "concurrency");
        Assert.Equal(original, File.ReadAllText(RepositoryPaths.Combine("components", "pubsub.yaml")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Deliveries_in_flight_below_one_are_refused(int concurrency) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourcesOverlay.Create(RepositoryPaths.Combine("components"), null, pubSubConcurrency: concurrency));

    private static List<YamlMappingNode> Metadata(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        var spec = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["spec"];
        return [.. ((YamlSequenceNode)spec["metadata"]).Cast<YamlMappingNode>()];
    }

    [Fact]
    public void The_sample_mapping_options_reach_the_enricher_as_configuration_keys()
    {
        var env = SampleMappingOptions.ToEnvironment(RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures"))
            .ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("A1F83G8C2ARO7P", env["Fulfillment__MarketplaceByCountry__GB"]);
        Assert.Equal("true", env["Fulfillment__NotifyCustomer"]);
        Assert.StartsWith("FBA-", env["Fulfillment__FbaSkus__0"], StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_survive_the_json_file()
    {
        var service = new ServiceEndpoints("order-enricher", "http", new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:1/healthz"),
            new Uri("http://127.0.0.1:1/readyz"), 2, 3, 42)
        {
            BindingFeeds = new Dictionary<string, Uri> { ["amazon-notifications"] = new("http://127.0.0.1:2/_emulator/bindings/amazon-notifications") },
        };
        var endpoints = new MeshEndpoints(new Uri("http://127.0.0.1:1/api/webhooks/order/created-fba"),
            new Dictionary<string, ServiceEndpoints> { ["order-enricher"] = service }, null, null) { ControlUrl = new Uri("http://127.0.0.1:9"), OperatorToken = "0123abcd", ConsoleUrl = new Uri("http://127.0.0.1:1/console") };

        var back = MeshEndpoints.FromJson(endpoints.ToJson());

        Assert.Equal(endpoints.GatewayWebhookUrl, back.GatewayWebhookUrl);
        Assert.Equal(service with { BindingFeeds = null }, back.Services["order-enricher"] with { BindingFeeds = null });
        Assert.Equal(service.BindingFeeds, back.Services["order-enricher"].BindingFeeds);
        Assert.Equal(endpoints.ControlUrl, back.ControlUrl);
        Assert.Equal("0123abcd", back.OperatorToken);
        Assert.Contains("\"operatorToken\": \"0123abcd\"", endpoints.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"consoleUrl\": \"http://127.0.0.1:1/console\"", endpoints.ToJson(), StringComparison.Ordinal);
        Assert.Equal(endpoints.ConsoleUrl, back.ConsoleUrl);
        Assert.Contains("\"gatewayWebhookUrl\"", endpoints.ToJson(), StringComparison.Ordinal);
    }
}
