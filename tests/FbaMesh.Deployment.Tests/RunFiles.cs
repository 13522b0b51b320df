using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>One app as a run file describes it; every run file must produce the same set.</summary>
internal sealed record AppPorts(string AppId, string AppPort, string Protocol, string DaprHttpPort, string DaprGrpcPort, string MetricsPort);

internal static class RunFiles
{
    public static readonly string Kubernetes = RepositoryPaths.Combine("deploy", "kubernetes");

    public static IReadOnlyList<AppPorts> FromDaprYaml() =>
        YamlDocuments.LoadOne(RepositoryPaths.Combine("dapr.yaml"))["apps"]!.AsArray()
            .Select(a => new AppPorts(a!["appID"].Text(), a["appPort"].Text(), a["appProtocol"].Text(),
                a["daprHTTPPort"].Text(), a["daprGRPCPort"].Text(), a["metricsPort"].Text()))
            .OrderBy(a => a.AppId, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<AppPorts> FromTyeYaml()
    {
        var tye = YamlDocuments.LoadOne(RepositoryPaths.Combine("tye.yaml"));
        var dapr = tye["extensions"]!.AsArray().Single(e => e!["name"].Text() == "dapr")!["services"]!;
        return tye["services"]!.AsArray()
            .Select(s =>
            {
                var id = s!["name"].Text();
                var sidecar = dapr[id]!;
                return new AppPorts(id, s["bindings"]![0]!["port"].Text(), sidecar["app-protocol"].Text(),
                    sidecar["http-port"].Text(), sidecar["grpc-port"].Text(), sidecar["metrics-port"].Text());
            })
            .OrderBy(a => a.AppId, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<JsonObject> Deployments() =>
        YamlDocuments.LoadKind(Kubernetes, "Deployment").ToList();

    /// <summary>The replicas a Deployment runs at least: its own count, or its autoscaler's minimum when one owns the count.</summary>
    public static int MinimumReplicas(JsonObject deployment)
    {
        if (deployment["spec"]!["replicas"] is { } replicas)
        {
            return int.Parse(replicas.Text(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var name = deployment["metadata"]!["name"].Text();
        var autoscaler = YamlDocuments.LoadKind(Kubernetes, "HorizontalPodAutoscaler")
            .SingleOrDefault(h => h["spec"]!["scaleTargetRef"]!["kind"].Text() == "Deployment" && h["spec"]!["scaleTargetRef"]!["name"].Text() == name)
            ?? throw new Xunit.Sdk.XunitException($"Deployment {name} sets no replicas and no HorizontalPodAutoscaler owns its count.");
        return int.Parse(autoscaler["spec"]!["minReplicas"].Text(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JsonNode Annotations(JsonObject deployment) =>
        deployment["spec"]!["template"]!["metadata"]!["annotations"]!;

    public static JsonNode Container(JsonObject deployment) =>
        Assert.Single(deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!;
}
