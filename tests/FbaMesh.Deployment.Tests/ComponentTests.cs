using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>The services name components, not technologies: the names must hold everywhere (DESIGN §4).</summary>
public sealed class ComponentTests
{
    private static Dictionary<string, JsonObject> Components(string folder) =>
        TopLevel(folder, "Component").ToDictionary(c => c["metadata"]!["name"].Text());

    /// <summary>daprd reads the YAML files of its resources folder, not of its subfolders.</summary>
    private static IEnumerable<JsonObject> TopLevel(string folder, string kind) =>
        Directory.EnumerateFiles(folder == RunFiles.Kubernetes ? Path.Combine(folder, "components") : folder, "*.yaml")
            .SelectMany(YamlDocuments.Load)
            .Where(d => d["kind"].Text() == kind);

    [Fact]
    public void Components_have_the_same_names_locally_and_on_kubernetes()
    {
        var local = Components(RepositoryPaths.Combine("components")).Keys.Order(StringComparer.Ordinal);
        var cluster = Components(RunFiles.Kubernetes).Keys.Order(StringComparer.Ordinal);

        Assert.Equal(["fbamesh-pubsub", "fbamesh-secrets", "fbamesh-state"], local);
        Assert.Equal(local, cluster);
    }

    [Fact]
    public void Local_components_need_no_docker_for_dapr_init_slim()
    {
        var local = Components(RepositoryPaths.Combine("components"));

        Assert.Equal("pubsub.in-memory", local["fbamesh-pubsub"]["spec"]!["type"].Text());
        Assert.Equal("state.in-memory", local["fbamesh-state"]["spec"]!["type"].Text());
        Assert.Equal("secretstores.local.file", local["fbamesh-secrets"]["spec"]!["type"].Text());
    }

    [Fact]
    public void Kubernetes_components_use_redis_and_the_kubernetes_secret_store()
    {
        var cluster = Components(RunFiles.Kubernetes);

        Assert.Equal("pubsub.redis", cluster["fbamesh-pubsub"]["spec"]!["type"].Text());
        Assert.Equal("state.redis", cluster["fbamesh-state"]["spec"]!["type"].Text());
        Assert.Equal("secretstores.kubernetes", cluster["fbamesh-secrets"]["spec"]!["type"].Text());
    }

    [Fact]
    public void Components_are_scoped_to_the_same_apps_locally_and_on_kubernetes()
    {
        var local = Components(RepositoryPaths.Combine("components"));
        var cluster = Components(RunFiles.Kubernetes);

        foreach (var name in new[] { "fbamesh-pubsub", "fbamesh-state" })
        {
            Assert.Equal(Scopes(local[name]), Scopes(cluster[name]));
        }
    }

    [Fact]
    public void Each_app_may_read_the_same_secrets_locally_and_on_kubernetes()
    {
        foreach (var app in RunFiles.FromDaprYaml())
        {
            var local = YamlDocuments.LoadOne(RepositoryPaths.Combine("components", "configuration", $"{app.AppId}.yaml"));
            var cluster = YamlDocuments.LoadOne(Path.Combine(RunFiles.Kubernetes, "configuration", $"{app.AppId}.yaml"));

            Assert.Equal(AllowedSecrets(local), AllowedSecrets(cluster));
            Assert.NotEmpty(AllowedSecrets(cluster));
        }
    }

    [Fact]
    public void Kubernetes_configurations_deny_the_builtin_secret_store()
    {
        foreach (var config in YamlDocuments.LoadKind(RunFiles.Kubernetes, "Configuration"))
        {
            var scopes = config["spec"]!["secrets"]!["scopes"]!.AsArray();
            Assert.Contains(scopes, s => s!["storeName"].Text() == "kubernetes" && s["defaultAccess"].Text() == "deny");
            Assert.All(scopes, s => Assert.Equal("deny", s!["defaultAccess"].Text()));
        }
    }

    [Fact]
    public void Resiliency_policies_are_the_same_locally_and_on_kubernetes()
    {
        var local = TopLevel(RepositoryPaths.Combine("components"), "Resiliency").Single();
        var cluster = TopLevel(RunFiles.Kubernetes, "Resiliency").Single();

        Assert.Equal(local["metadata"]!["name"].Text(), cluster["metadata"]!["name"].Text());
        Assert.True(JsonNode.DeepEquals(local["spec"], cluster["spec"]), "spec differs between components/ and deploy/kubernetes/components/");
    }

    private static string[] Scopes(JsonObject component) =>
        component["scopes"]?.AsArray().Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray() ?? [];

    private static string[] AllowedSecrets(JsonObject configuration) =>
        configuration["spec"]!["secrets"]!["scopes"]!.AsArray()
            .Single(s => s!["storeName"].Text() == "fbamesh-secrets")!["allowedSecrets"]!.AsArray()
            .Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray();
}
