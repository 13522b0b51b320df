using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>Default deny, and for each pod exactly the connections it needs (DESIGN §10).</summary>
public sealed class NetworkPolicyTests
{
    private const string Sentry = "ns:dapr-system app=dapr-sentry";
    private const string Operator = "ns:dapr-system app=dapr-operator";
    private const string Dns = "ns:kube-system k8s-app=kube-dns";
    private const string Redis = "app.kubernetes.io/name=redis";
    private const string Internet = "ip:0.0.0.0/0";
    private const int DaprInternalGrpc = 50002;

    [Fact]
    public void Every_pod_of_the_namespace_is_denied_in_and_out_by_default()
    {
        var deny = NetworkPolicies.All().Single(p => p["metadata"]!["name"].Text() == "default-deny")["spec"]!;

        Assert.Empty(deny["podSelector"]!.AsObject());
        Assert.Equal(["Ingress", "Egress"], deny["policyTypes"]!.AsArray().Select(t => t.Text()));
        Assert.Null(deny["ingress"]);
        Assert.Null(deny["egress"]);
    }

    [Fact]
    public void Every_app_reaches_dns_and_the_dapr_control_plane_and_nothing_of_it_that_it_does_not_use()
    {
        foreach (var app in Apps())
        {
            var egress = Egress(app);
            Assert.Contains(new Allowance("egress", Dns, 53), egress);
            Assert.Contains(new Allowance("egress", Sentry, 50001), egress);
            Assert.Contains(new Allowance("egress", Operator, 6500), egress);
            Assert.DoesNotContain(egress, a => a.Peer.Contains("placement", StringComparison.Ordinal) || a.Peer.Contains("scheduler", StringComparison.Ordinal));
            var annotations = RunFiles.Annotations(Deployment(app));
            Assert.Equal("", annotations["dapr.io/placement-host-address"]!.GetValue<string>());
            Assert.Equal("", annotations["dapr.io/scheduler-host-address"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Only_the_apps_that_call_crystallize_or_amazon_may_send_https_out()
    {
        // The enricher reads orders from Crystallize; the submitter calls SP-API and Login with Amazon; the
        // tracker writes to Crystallize's Core API and its sidecar reads Amazon's notifications from SQS.
        foreach (var app in Apps())
        {
            var https = Egress(app).Any(a => a.Peer == Internet && a.Port == 443);
            Assert.True(https == app is "order-enricher" or "fba-submitter" or "fulfillment-tracker", $"{app}: HTTPS out {(https ? "allowed" : "missing")}");
            Assert.DoesNotContain(Egress(app), a => a.Peer == "any" || (a.Peer == Internet && a.Port != 443));
        }
    }

    [Fact]
    public void Only_the_apps_whose_components_use_redis_reach_redis_and_redis_lets_only_them_in()
    {
        var redisUsers = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component")
            .Where(c => c["spec"]!["type"].Text().EndsWith(".redis", StringComparison.Ordinal))
            .SelectMany(c => c["scopes"]!.AsArray().Select(s => s.Text()))
            .ToHashSet();

        foreach (var app in Apps())
        {
            Assert.Equal(redisUsers.Contains(app), Egress(app).Contains(new Allowance("egress", Redis, 6379)));
        }

        var redisIngress = NetworkPolicies.For(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "redis" }).Where(a => a.Direction == "ingress").ToList();
        var allowed = Assert.Single(redisIngress);
        Assert.Equal(6379, allowed.Port);
        Assert.StartsWith("app.kubernetes.io/name in ", allowed.Peer, StringComparison.Ordinal);
        Assert.Equal(redisUsers, allowed.Peer["app.kubernetes.io/name in ".Length..].Split('|').ToHashSet());
    }

    [Fact]
    public void Sidecar_to_sidecar_traffic_is_only_the_invocation_that_access_control_allows()
    {
        // The enricher's and the tracker's sidecars call the submitter's on Dapr's internal gRPC port; nothing else does.
        foreach (var app in Apps())
        {
            var toSidecars = Egress(app).Where(a => a.Port == DaprInternalGrpc).Select(a => a.Peer);
            Assert.Equal(app is "order-enricher" or "fulfillment-tracker" ? ["app.kubernetes.io/name=fba-submitter"] : [], toSidecars);
        }

        var submitterIngress = Ingress("fba-submitter");
        Assert.Equal(
            [new Allowance("ingress", "app.kubernetes.io/name=order-enricher", DaprInternalGrpc), new Allowance("ingress", "app.kubernetes.io/name=fulfillment-tracker", DaprInternalGrpc)],
            submitterIngress);
    }

    [Fact]
    public void Only_the_gateways_webhook_port_takes_connections_from_outside()
    {
        foreach (var app in Apps())
        {
            var fromAnywhere = Ingress(app).Where(a => a.Peer == "any").Select(a => a.Port).ToList();
            var appPort = int.Parse(RunFiles.Annotations(Deployment(app))["dapr.io/app-port"].Text(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(app == "webhook-gateway" ? [appPort] : [], fromAnywhere);
        }

        Assert.Empty(Ingress("order-enricher"));
        Assert.Empty(Ingress("fulfillment-tracker"));
    }

    [Fact]
    public void The_kubernetes_api_allowance_is_one_address_not_the_internet()
    {
        var api = NetworkPolicies.All().Single(p => p["metadata"]!["name"].Text() == "fbamesh-kubernetes-api");
        var cidr = api["spec"]!["egress"]![0]!["to"]![0]!["ipBlock"]!["cidr"].Text();

        Assert.EndsWith("/32", cidr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Apps() => RunFiles.FromDaprYaml().Select(a => a.AppId);

    private static System.Text.Json.Nodes.JsonObject Deployment(string app) =>
        RunFiles.Deployments().Single(d => RunFiles.Annotations(d)["dapr.io/app-id"].Text() == app);

    private static Dictionary<string, string> PodLabels(string app) =>
        Deployment(app)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value.Text());

    private static List<Allowance> Egress(string app) => [.. NetworkPolicies.For(PodLabels(app)).Where(a => a.Direction == "egress")];

    private static List<Allowance> Ingress(string app) => [.. NetworkPolicies.For(PodLabels(app)).Where(a => a.Direction == "ingress")];
}
