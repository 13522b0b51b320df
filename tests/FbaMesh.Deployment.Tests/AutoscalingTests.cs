using System.Globalization;

namespace FbaMesh.Deployment.Tests;

/// <summary>What scales on Kubernetes and how far (DESIGN §14).</summary>
public sealed class AutoscalingTests
{
    [Fact]
    public void The_gateway_and_the_enricher_scale_on_cpu_from_two_and_own_their_replica_count()
    {
        var autoscalers = YamlDocuments.LoadKind(RunFiles.Kubernetes, "HorizontalPodAutoscaler").ToList();

        Assert.Equal(["order-enricher", "webhook-gateway"], autoscalers.Select(h => h["spec"]!["scaleTargetRef"]!["name"].Text()).Order(StringComparer.Ordinal));
        foreach (var autoscaler in autoscalers)
        {
            var spec = autoscaler["spec"]!;
            var target = RunFiles.Deployments().Single(d => d["metadata"]!["name"].Text() == spec["scaleTargetRef"]!["name"].Text());
            Assert.Equal("apps/v1", spec["scaleTargetRef"]!["apiVersion"].Text());
            Assert.Equal("autoscaling/v2", autoscaler["apiVersion"].Text());
            var min = int.Parse(spec["minReplicas"].Text(), CultureInfo.InvariantCulture);
            Assert.True(min >= 2, "an autoscaled app keeps two replicas for availability");
            Assert.True(int.Parse(spec["maxReplicas"].Text(), CultureInfo.InvariantCulture) > min);
            // kubectl apply would reset a count the Deployment sets, undoing the autoscaler at every deploy.
            Assert.Null(target["spec"]!["replicas"]);
            // Utilization is relative to the request: the container must request CPU.
            Assert.NotEqual("", RunFiles.Container(target)["resources"]!["requests"]!["cpu"].Text());
        }
    }

    [Fact]
    public void The_submitter_runs_two_replicas_on_the_shared_usage_plan_and_is_not_autoscaled()
    {
        var submitter = RunFiles.Deployments().Single(d => RunFiles.Annotations(d)["dapr.io/app-id"].Text() == "fba-submitter");
        var settings = YamlDocuments.LoadKind(RunFiles.Kubernetes, "ConfigMap").Single(c => c["metadata"]!["name"].Text() == "fbamesh-settings");
        var state = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component").Single(c => c["metadata"]!["name"].Text() == "fbamesh-state");

        Assert.Equal("2", submitter["spec"]!["replicas"].Text());
        Assert.DoesNotContain(YamlDocuments.LoadKind(RunFiles.Kubernetes, "HorizontalPodAutoscaler"),
            h => h["spec"]!["scaleTargetRef"]!["name"].Text() == "fba-submitter");
        Assert.Equal("true", settings["data"]!["SharedPacing__Enabled"].Text());
        Assert.Contains(state["scopes"]!.AsArray(), s => s.Text() == "fba-submitter");
    }
}
