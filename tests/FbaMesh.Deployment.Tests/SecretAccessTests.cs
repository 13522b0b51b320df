using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>One secret per reader (DESIGN §4): each app may read exactly the secrets it needs, by its Configuration and by its Role.</summary>
public sealed class SecretAccessTests
{
    /// <summary>What each app reads, and the keys it reads from each secret.</summary>
    private static readonly Dictionary<string, Dictionary<string, string[]>> Needs = new()
    {
        ["webhook-gateway"] = new() { ["crystallize-webhook"] = ["signatureSecret", "tenantIdentifier"] },
        ["order-enricher"] = new() { ["crystallize-api"] = ["accessTokenId", "accessTokenSecret", "tenantIdentifier"], ["operator"] = ["token"] },
        ["fba-submitter"] = new() { ["sp-api"] = ["lwaClientId", "lwaClientSecret", "refreshToken"] },
        ["fulfillment-tracker"] = new() { ["crystallize-api"] = ["accessTokenId", "accessTokenSecret", "tenantIdentifier"] },
    };

    [Fact]
    public void Every_app_of_the_run_file_is_listed_here()
    {
        Assert.Equal(Needs.Keys.Order(StringComparer.Ordinal), RunFiles.FromDaprYaml().Select(a => a.AppId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("components/configuration")]
    [InlineData("deploy/kubernetes/configuration")]
    public void Each_configuration_allows_exactly_the_secrets_its_app_needs(string folder)
    {
        foreach (var (app, needs) in Needs)
        {
            var configuration = YamlDocuments.LoadOne(RepositoryPaths.Combine([.. folder.Split('/'), $"{app}.yaml"]));
            var scope = configuration["spec"]!["secrets"]!["scopes"]!.AsArray().Single(s => s!["storeName"].Text() == "fbamesh-secrets")!;

            Assert.Equal("deny", scope["defaultAccess"].Text());
            Assert.Equal(needs.Keys.Order(StringComparer.Ordinal), Strings(scope["allowedSecrets"]));
        }
    }

    [Fact]
    public void Each_service_account_may_get_exactly_the_secrets_its_app_needs()
    {
        var roles = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Role").ToDictionary(r => r["metadata"]!["name"].Text());
        var bindings = YamlDocuments.LoadKind(RunFiles.Kubernetes, "RoleBinding").ToList();

        foreach (var (app, needs) in Needs)
        {
            var granted = bindings
                .Where(b => b["subjects"]!.AsArray().Any(s => s!["kind"].Text() == "ServiceAccount" && s["name"].Text() == app))
                .SelectMany(b => roles[b["roleRef"]!["name"].Text()]["rules"]!.AsArray())
                .Where(rule => Strings(rule!["resources"]).Contains("secrets"))
                .SelectMany(rule =>
                {
                    Assert.Equal(["get"], Strings(rule!["verbs"]));
                    Assert.NotNull(rule["resourceNames"]); // a rule without names would grant every secret
                    return Strings(rule["resourceNames"]);
                })
                .Distinct()
                .Order(StringComparer.Ordinal);

            Assert.Equal(needs.Keys.Order(StringComparer.Ordinal), granted);
        }
    }

    [Fact]
    public void Each_secret_an_app_needs_has_a_template_with_the_keys_it_reads_and_no_others()
    {
        var templates = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret")
            .ToDictionary(s => s["metadata"]!["name"].Text(), s => s["stringData"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray());

        foreach (var (secret, keys) in Needs.Values.SelectMany(n => n))
        {
            Assert.Equal(keys.Order(StringComparer.Ordinal), templates[secret]);
        }

        Assert.DoesNotContain("crystallize", templates.Keys);
    }

    [Fact]
    public void The_development_secrets_hold_what_the_apps_read_except_the_operator_token_which_devmesh_makes_per_run()
    {
        var dev = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!.AsObject();

        foreach (var (secret, keys) in Needs.Values.SelectMany(n => n).Where(s => s.Key != "operator"))
        {
            Assert.Equal(keys.Order(StringComparer.Ordinal), dev[secret]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
            Assert.All(keys.Where(k => k != "tenantIdentifier"), k => Assert.StartsWith("dev-only-fake-", dev[secret]![k].Text(), StringComparison.Ordinal));
        }

        Assert.Null(dev["operator"]);
        Assert.Null(dev["crystallize"]);
    }

    private static string[] Strings(JsonNode? node) =>
        node?.AsArray().Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray() ?? [];
}
