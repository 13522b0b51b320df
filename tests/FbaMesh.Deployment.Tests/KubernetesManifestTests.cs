namespace FbaMesh.Deployment.Tests;

/// <summary>What an operator expects of every Deployment: Dapr on, limits set, probes that fit the protocol.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void Every_deployment_enables_dapr_with_tokens_and_metrics()
    {
        Assert.Equal(4, RunFiles.Deployments().Count);
        foreach (var deployment in RunFiles.Deployments())
        {
            var annotations = RunFiles.Annotations(deployment);
            Assert.Equal("true", annotations["dapr.io/enabled"].Text());
            Assert.Equal("true", annotations["dapr.io/enable-metrics"].Text());
            Assert.NotEqual("", annotations["dapr.io/api-token-secret"].Text());
            Assert.NotEqual("", annotations["dapr.io/app-token-secret"].Text());
        }
    }

    [Fact]
    public void Every_container_has_resource_requests_and_limits()
    {
        foreach (var deployment in RunFiles.Deployments())
        {
            var resources = RunFiles.Container(deployment)["resources"]!;
            Assert.NotEqual("", resources["requests"]!["cpu"].Text());
            Assert.NotEqual("", resources["requests"]!["memory"].Text());
            Assert.NotEqual("", resources["limits"]!["memory"].Text());
        }
    }

    [Fact]
    public void Http_apps_probe_healthz_and_readyz_and_the_grpc_app_uses_a_grpc_readiness_probe()
    {
        foreach (var deployment in RunFiles.Deployments())
        {
            var protocol = RunFiles.Annotations(deployment)["dapr.io/app-protocol"].Text();
            var port = RunFiles.Annotations(deployment)["dapr.io/app-port"].Text();
            var container = RunFiles.Container(deployment);
            if (protocol == "grpc")
            {
                var liveness = container["livenessProbe"]!;
                Assert.Equal(port, (liveness["grpc"] ?? liveness["tcpSocket"])!["port"].Text());
                Assert.Equal(port, container["readinessProbe"]!["grpc"]!["port"].Text());
            }
            else
            {
                Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"].Text());
                Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"].Text());
            }
        }
    }

    [Fact]
    public void Each_app_runs_under_its_own_service_account()
    {
        var accounts = YamlDocuments.LoadKind(RunFiles.Kubernetes, "ServiceAccount").Select(a => a["metadata"]!["name"].Text()).ToHashSet();

        foreach (var deployment in RunFiles.Deployments())
        {
            var account = deployment["spec"]!["template"]!["spec"]!["serviceAccountName"].Text();
            Assert.Equal(RunFiles.Annotations(deployment)["dapr.io/app-id"].Text(), account);
            Assert.Contains(account, accounts);
        }
    }

    [Fact]
    public void Images_are_the_ones_publish_container_produces()
    {
        foreach (var deployment in RunFiles.Deployments())
        {
            var appId = RunFiles.Annotations(deployment)["dapr.io/app-id"].Text();
            Assert.Equal($"fbamesh/{appId}", RunFiles.Container(deployment)["image"].Text());
        }
    }
}
