using System.Text.RegularExpressions;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>Who may invoke whom through Dapr, and with which credentials (DESIGN §10).</summary>
public sealed partial class AccessControlTests
{
    private static readonly string[] Callers = ["order-enricher", "fulfillment-tracker"];

    public static TheoryData<string, string> Configurations() => new()
    {
        { "components/configuration", "default" },
        { "deploy/kubernetes/configuration", KubernetesNamespace() },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_configuration_denies_invocation_by_default(string folder, string namespaceName)
    {
        var configurations = YamlDocuments.LoadKind(RepositoryPaths.Combine(folder), "Configuration").ToList();

        Assert.Equal(4, configurations.Count);
        foreach (var configuration in configurations)
        {
            var acl = configuration["spec"]!["accessControl"];
            Assert.True(acl is not null, $"{configuration["metadata"]!["name"]}: no accessControl");
            Assert.Equal("deny", acl["defaultAction"].Text());
            Assert.Equal("public", acl["trustDomain"].Text());
            foreach (var policy in acl["policies"]?.AsArray() ?? [])
            {
                Assert.Equal("deny", policy!["defaultAction"].Text());
                Assert.Equal("public", policy["trustDomain"].Text());
                Assert.Equal(namespaceName, policy["namespace"].Text());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Only_the_enricher_and_the_tracker_may_invoke_the_submitter_and_only_its_fulfillment_orders(string folder, string namespaceName)
    {
        var submitter = YamlDocuments.LoadOne(RepositoryPaths.Combine(folder, "fba-submitter.yaml"));
        var policies = submitter["spec"]!["accessControl"]!["policies"]!.AsArray();

        Assert.Equal(Callers.Order(StringComparer.Ordinal), policies.Select(p => p!["appId"].Text()).Order(StringComparer.Ordinal));
        foreach (var policy in policies)
        {
            Assert.Equal(namespaceName, policy!["namespace"].Text());
            var operation = Assert.Single(policy["operations"]!.AsArray())!;
            // daprd matches a proxied gRPC call by its full method name, case-sensitively.
            Assert.Equal($"/{FulfillmentOrdersService()}/*", operation["name"].Text());
            Assert.Equal("allow", operation["action"].Text());
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void No_other_app_may_be_invoked(string folder, string namespaceName)
    {
        Assert.NotEmpty(namespaceName);
        foreach (var app in new[] { "webhook-gateway", "order-enricher" })
        {
            var acl = YamlDocuments.LoadOne(RepositoryPaths.Combine(folder, app + ".yaml"))["spec"]!["accessControl"]!;
            Assert.Empty(acl["policies"]?.AsArray() ?? []);
            Assert.Equal("deny", acl["defaultAction"].Text());
        }
    }

    [Fact]
    public void Local_configurations_make_dapr_run_start_daprd_with_mtls()
    {
        // Without mTLS daprd knows no caller, and the submitter's accessControl denies every call.
        // The CLI adds --enable-mtls --sentry-address when the config file sets mtls.enabled.
        foreach (var configuration in YamlDocuments.LoadKind(RepositoryPaths.Combine("components", "configuration"), "Configuration"))
        {
            Assert.Equal("true", configuration["spec"]!["mtls"]?["enabled"].Text());
        }
    }

    [Fact]
    public void Each_app_has_its_own_dapr_api_token_and_its_own_app_api_token()
    {
        var secrets = RunFiles.Deployments()
            .SelectMany(d => new[] { RunFiles.Annotations(d)["dapr.io/api-token-secret"].Text(), RunFiles.Annotations(d)["dapr.io/app-token-secret"].Text() })
            .ToList();

        Assert.Equal(8, secrets.Count);
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
        var templates = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret").Select(s => s["metadata"]!["name"].Text()).ToHashSet();
        Assert.Superset(secrets.ToHashSet(), templates);
    }

    [Fact]
    public void The_kubernetes_namespace_is_fixed_by_the_kustomization()
    {
        Assert.Equal("fbamesh", KubernetesNamespace());
    }

    private static string KubernetesNamespace() =>
        YamlDocuments.LoadOne(Path.Combine(RunFiles.Kubernetes, "kustomization.yaml"))["namespace"].Text();

    /// <summary>"package.Service" of the submitter's gRPC contract, read from the proto.</summary>
    private static string FulfillmentOrdersService()
    {
        var proto = File.ReadAllText(RepositoryPaths.Combine("protos", "fbamesh", "fulfillment", "v1", "fulfillment.proto"));
        return $"{PackageLine().Match(proto).Groups[1].Value}.{ServiceLine().Match(proto).Groups[1].Value}";
    }

    [GeneratedRegex(@"^package\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"^service\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ServiceLine();
}
