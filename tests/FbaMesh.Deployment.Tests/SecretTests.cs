using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>deploy/ is committed and shared: it may name secrets, never hold their values.</summary>
public sealed class SecretTests
{
    private static readonly string[] SecretLikeKeys = ["password", "secret", "token", "key"];

    private static IEnumerable<string> DeployFiles() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("deploy"), "*", SearchOption.AllDirectories);

    [Fact]
    public void Secret_templates_hold_no_values()
    {
        var secrets = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret").ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, s =>
        {
            Assert.Null(s["data"]);
            Assert.All(s["stringData"]!.AsObject(), kv => Assert.Equal("", kv.Value.Text()));
        });
    }

    [Fact]
    public void No_development_secret_value_appears_in_deploy()
    {
        var values = Leaves(JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!)
            .Where(v => v.Length >= 8)
            .ToList();
        Assert.NotEmpty(values);

        foreach (var file in DeployFiles())
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(values, v => text.Contains(v, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Component_credentials_are_secret_references_not_values()
    {
        foreach (var component in YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component"))
        {
            foreach (var item in component["spec"]!["metadata"]!.AsArray())
            {
                var name = item!["name"].Text().ToLowerInvariant();
                if (SecretLikeKeys.Any(name.Contains))
                {
                    // A reference: to a secret, or to daprd's environment filled from one.
                    Assert.Null(item["value"]);
                    Assert.True(item["secretKeyRef"] is not null || item["envRef"] is not null, $"{name}: neither secretKeyRef nor envRef");
                }
            }
        }
    }

    [Fact]
    public void Every_secret_the_manifests_name_has_a_template()
    {
        var templates = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret")
            .ToDictionary(s => s["metadata"]!["name"].Text(), s => s["stringData"]!.AsObject().Select(kv => kv.Key).ToHashSet());

        foreach (var deployment in RunFiles.Deployments())
        {
            var annotations = RunFiles.Annotations(deployment);
            Assert.Contains("token", templates[annotations["dapr.io/api-token-secret"].Text()]);
            Assert.Contains("token", templates[annotations["dapr.io/app-token-secret"].Text()]);
        }

        foreach (var component in YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component"))
        {
            foreach (var reference in component["spec"]!["metadata"]!.AsArray().Select(m => m!["secretKeyRef"]).OfType<JsonNode>())
            {
                Assert.Contains(reference["key"].Text(), templates[reference["name"].Text()]);
            }
        }
    }

    [Fact]
    public void Secret_templates_have_the_keys_of_the_local_secrets_file()
    {
        var local = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!.AsObject();
        var templates = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret").ToDictionary(s => s["metadata"]!["name"].Text());

        foreach (var (name, keys) in local)
        {
            var expected = keys!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal);
            var actual = templates[name]["stringData"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    private static IEnumerable<string> Leaves(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Value is null ? [] : Leaves(kv.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Leaves(n)),
        _ => [node.ToString()],
    };
}
