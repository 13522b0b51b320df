using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>What each pod exposes, mounts and keeps through a drain, and how Redis is reached (DESIGN §10).</summary>
public sealed class PodHardeningTests
{
    private const string KubernetesTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    [Fact]
    public void Only_the_webhook_port_has_a_service()
    {
        // Each app port is called by its own sidecar over localhost; sidecars reach each other through
        // the <app>-dapr Service the injector creates. Only Crystallize calls in, to the gateway.
        var services = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Service").ToList();

        var gateway = Assert.Single(services);
        Assert.Equal("webhook-gateway", gateway["spec"]!["selector"]!["app.kubernetes.io/name"].Text());
        var port = Assert.Single(gateway["spec"]!["ports"]!.AsArray())!;
        Assert.Equal(RunFiles.FromDaprYaml().Single(a => a.AppId == "webhook-gateway").AppPort, port["port"].Text());
    }

    [Fact]
    public void Every_app_has_a_disruption_budget_that_never_blocks_a_drain()
    {
        var budgets = YamlDocuments.LoadKind(RunFiles.Kubernetes, "PodDisruptionBudget").ToList();

        foreach (var deployment in RunFiles.Deployments())
        {
            var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value.Text());
            var budget = Assert.Single(budgets, b => NetworkPolicies.Selects(b["spec"]!["selector"]!, labels))["spec"]!;
            var replicas = RunFiles.MinimumReplicas(deployment);
            if (budget["minAvailable"] is { } minAvailable)
            {
                Assert.InRange(int.Parse(minAvailable.Text(), CultureInfo.InvariantCulture), 1, replicas - 1);
            }
            else
            {
                Assert.Equal("1", budget["maxUnavailable"].Text());
            }
        }

        var gateway = RunFiles.Deployments().Single(d => RunFiles.Annotations(d)["dapr.io/app-id"].Text() == "webhook-gateway");
        Assert.True(RunFiles.MinimumReplicas(gateway) >= 2, "the webhook entrance keeps a replica through a drain");
    }

    [Fact]
    public void No_service_account_token_is_mounted_by_default()
    {
        foreach (var account in YamlDocuments.LoadKind(RunFiles.Kubernetes, "ServiceAccount"))
        {
            Assert.Equal("false", account["automountServiceAccountToken"].Text());
        }

        foreach (var deployment in RunFiles.Deployments())
        {
            Assert.Equal("false", deployment["spec"]!["template"]!["spec"]!["automountServiceAccountToken"].Text());
            Assert.DoesNotContain(RunFiles.Container(deployment)["volumeMounts"]?.AsArray() ?? [],
                m => m!["mountPath"].Text().StartsWith("/var/run/secrets", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_sidecar_of_an_app_with_the_kubernetes_secret_store_gets_an_api_token()
    {
        // secretstores.kubernetes reads Secrets through the Kubernetes API with the pod's service account
        // (in-cluster config). The injector mounts only a Sentry-audience token into daprd.
        var readers = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component")
            .Where(c => c["spec"]!["type"].Text() == "secretstores.kubernetes")
            .SelectMany(c => c["scopes"]!.AsArray().Select(s => s.Text()))
            .ToHashSet();
        Assert.NotEmpty(readers);

        foreach (var deployment in RunFiles.Deployments().Where(d => readers.Contains(RunFiles.Annotations(d)["dapr.io/app-id"].Text())))
        {
            var mount = RunFiles.Annotations(deployment)["dapr.io/volume-mounts"].Text().Split(':');
            Assert.Equal(KubernetesTokenPath, mount[1]);
            var volume = deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => v!["name"].Text() == mount[0])!;
            var sources = volume["projected"]!["sources"]!.AsArray();
            Assert.Contains(sources, s => s!["serviceAccountToken"]?["path"].Text() == "token" && s["serviceAccountToken"]!["audience"] is null);
            Assert.Contains(sources, s => s!["configMap"]?["name"].Text() == "kube-root-ca.crt");
            Assert.Contains(sources, s => s!["downwardAPI"]?["items"]?[0]?["path"].Text() == "namespace");
        }
    }

    [Fact]
    public void Redis_is_reached_over_tls_as_one_user_per_app_from_that_apps_secret()
    {
        var components = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component").Where(c => c["spec"]!["type"].Text().EndsWith(".redis", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, components.Count);
        var secretsByApp = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var component in components)
        {
            var metadata = component["spec"]!["metadata"]!.AsArray().ToDictionary(m => m!["name"].Text(), m => m!);
            Assert.Equal("true", metadata["enableTLS"]["value"].Text());
            var variables = new[] { metadata["redisUsername"]["envRef"].Text(), metadata["redisPassword"]["envRef"].Text() };
            Assert.All(variables, v => Assert.NotEqual("", v));

            foreach (var app in component["scopes"]!.AsArray().Select(s => s.Text()))
            {
                var deployment = RunFiles.Deployments().Single(d => RunFiles.Annotations(d)["dapr.io/app-id"].Text() == app);
                var fromSecret = EnvFromSecret(RunFiles.Annotations(deployment)["dapr.io/env-from-secret"].Text());
                Assert.All(variables, v => Assert.True(fromSecret.ContainsKey(v), $"{app}: daprd gets no {v}"));
                var secret = Assert.Single(variables.Select(v => fromSecret[v].Secret).Distinct());
                Assert.Contains(app, secret, StringComparison.Ordinal);
                secretsByApp[app] = secret;
            }
        }

        Assert.Equal(secretsByApp.Count, secretsByApp.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Redis_streams_are_bounded()
    {
        var pubsub = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component").Single(c => c["spec"]!["type"].Text() == "pubsub.redis");
        var maxLen = pubsub["spec"]!["metadata"]!.AsArray().Single(m => m!["name"].Text() == "maxLenApprox")!["value"].Text();

        Assert.InRange(long.Parse(maxLen, CultureInfo.InvariantCulture), 10_000, 10_000_000);
    }

    [Fact]
    public void Every_secret_a_pod_reads_has_a_template_with_that_key()
    {
        var templates = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Secret")
            .ToDictionary(s => s["metadata"]!["name"].Text(), s => s["stringData"]!.AsObject().Select(kv => kv.Key).ToHashSet());

        foreach (var deployment in RunFiles.Deployments())
        {
            foreach (var env in RunFiles.Container(deployment)["env"]!.AsArray().Select(e => e!["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>())
            {
                Assert.Contains(env["key"].Text(), templates[env["name"].Text()]);
            }

            foreach (var (_, (secret, key)) in EnvFromSecret(RunFiles.Annotations(deployment)["dapr.io/env-from-secret"].Text()))
            {
                Assert.Contains(key, templates[secret]);
            }
        }
    }

    [Fact]
    public void Nuget_audit_findings_fail_the_build()
    {
        var props = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props"));
        var notAsErrors = string.Concat(props.Descendants("WarningsNotAsErrors").Select(e => e.Value));

        Assert.Equal("true", props.Descendants("TreatWarningsAsErrors").Single().Value);
        Assert.All(new[] { "NU1901", "NU1902", "NU1903", "NU1904" }, code => Assert.DoesNotContain(code, notAsErrors, StringComparison.Ordinal));
        Assert.DoesNotContain(props.Descendants("NuGetAudit"), e => e.Value == "false");
    }

    /// <summary>dapr.io/env-from-secret: "VAR=secret:key,VAR2=secret:key2".</summary>
    private static Dictionary<string, (string Secret, string Key)> EnvFromSecret(string annotation) =>
        annotation.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => (p[1].Split(':')[0], p[1].Split(':')[1]), StringComparer.Ordinal);
}
