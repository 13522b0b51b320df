using System.Globalization;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>What the sidecar needs from the app and the app from the sidecar, in every way of running.</summary>
public sealed class SidecarContractTests
{
    private static readonly Dictionary<string, string> TokenVariables = new(StringComparer.Ordinal)
    {
        ["dapr.io/api-token-secret"] = "DAPR_API_TOKEN",
        ["dapr.io/app-token-secret"] = "APP_API_TOKEN",
    };

    [Fact]
    public void App_containers_read_the_token_secrets_their_pod_hands_to_the_sidecar()
    {
        // The injector sets DAPR_API_TOKEN / APP_API_TOKEN on the daprd container only.
        foreach (var deployment in RunFiles.Deployments())
        {
            var annotations = RunFiles.Annotations(deployment).AsObject();
            var env = RunFiles.Container(deployment)["env"]!.AsArray();
            foreach (var (annotation, variable) in TokenVariables)
            {
                var secret = annotations[annotation].Text();
                Assert.NotEqual("", secret);
                var entry = env.SingleOrDefault(e => e!["name"].Text() == variable);
                Assert.True(entry is not null, $"{RunFiles.Annotations(deployment)["dapr.io/app-id"]}: no {variable} in the app container's env");
                Assert.Equal(secret, entry!["valueFrom"]!["secretKeyRef"]!["name"].Text());
                Assert.Equal("token", entry["valueFrom"]!["secretKeyRef"]!["key"].Text());
            }
        }
    }

    [Fact]
    public void Http_apps_have_app_health_checks_and_the_grpc_app_has_none()
    {
        // The submitter maps no AppCallbackHealthCheck, so a gRPC health check would mark it unhealthy.
        foreach (var app in YamlDocuments.LoadOne(RepositoryPaths.Combine("dapr.yaml"))["apps"]!.AsArray())
        {
            var http = app!["appProtocol"].Text() == "http";
            Assert.Equal(http ? "true" : "", app["enableAppHealthCheck"].Text());
            Assert.Equal(http ? "/healthz" : "", app["appHealthCheckPath"].Text());
        }

        foreach (var deployment in RunFiles.Deployments())
        {
            var annotations = RunFiles.Annotations(deployment);
            var http = annotations["dapr.io/app-protocol"].Text() == "http";
            Assert.Equal(http ? "true" : "", annotations["dapr.io/enable-app-health-check"].Text());
            Assert.Equal(http ? "/healthz" : "", annotations["dapr.io/app-health-check-path"].Text());
        }
    }

    [Theory]
    [InlineData("components")]
    [InlineData("deploy/kubernetes/components")]
    public void Redelivery_retries_end_before_redis_would_redeliver_the_same_event(string folder)
    {
        var resiliency = Directory.EnumerateFiles(RepositoryPaths.Combine(folder), "*.yaml").SelectMany(YamlDocuments.Load)
            .Single(d => d["kind"].Text() == "Resiliency");
        var target = resiliency["spec"]!["targets"]!["components"]!["fbamesh-pubsub"]!["inbound"]!;
        var policy = resiliency["spec"]!["policies"]!["retries"]![target["retry"].Text()]!;
        Assert.True(target["timeout"] is not null, "no per-delivery timeout: the redelivery budget has no bound");
        var attemptTimeout = GoDuration(resiliency["spec"]!["policies"]!["timeouts"]![target["timeout"].Text()].Text());
        var budget = WorstCaseBackoff(policy) + (int.Parse(policy["maxRetries"].Text(), CultureInfo.InvariantCulture) + 1) * attemptTimeout;

        var redis = YamlDocuments.LoadKind(RunFiles.Kubernetes, "Component").Single(c => c["metadata"]!["name"].Text() == "fbamesh-pubsub");
        var processingTimeout = GoDuration(redis["spec"]!["metadata"]!.AsArray().Single(m => m!["name"].Text() == "processingTimeout")!["value"].Text());

        Assert.True(budget < processingTimeout, $"retries may take {budget}, Redis redelivers after {processingTimeout}");
    }

    /// <summary>dapr/kit's exponential backoff: 500 ms, ×1.5 per retry up to maxInterval, ±50 % jitter.</summary>
    private static TimeSpan WorstCaseBackoff(JsonNode policy)
    {
        var retries = int.Parse(policy["maxRetries"].Text(), CultureInfo.InvariantCulture);
        if (policy["policy"].Text() != "exponential")
        {
            return retries * GoDuration(policy["duration"].Text());
        }

        var max = GoDuration(policy["maxInterval"].Text()).TotalMilliseconds;
        var total = 0.0;
        for (var i = 0; i < retries; i++)
        {
            total += Math.Min(500 * Math.Pow(1.5, i), max) * 1.5;
        }

        return TimeSpan.FromMilliseconds(total);
    }

    private static TimeSpan GoDuration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)(ms|s|m|h)"))
        {
            var n = int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }

        Assert.NotEqual(TimeSpan.Zero, total);
        return total;
    }
}
