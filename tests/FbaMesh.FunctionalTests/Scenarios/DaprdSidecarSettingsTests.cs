using System.Net;
using FbaMesh.DaprEmulator;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>How the container mesh starts daprd and what it waits for; no Docker needed to check it.</summary>
public sealed class DaprdSidecarSettingsTests
{
    [Theory]
    [InlineData("webhook-gateway", "http", true)]
    [InlineData("order-enricher", "http", true)]
    [InlineData("fba-submitter", "grpc", false)]
    public void Http_apps_get_an_app_health_check_and_the_grpc_app_none(string appId, string protocol, bool expected)
    {
        var arguments = DaprdArguments.For(new SidecarOptions(appId) { AppPort = 5000, AppProtocol = protocol }, "host.testcontainers.internal");

        Assert.Equal(expected, arguments.Contains("--enable-app-health-check"));
        var path = Array.IndexOf(arguments, "--app-health-check-path");
        Assert.Equal(expected, path >= 0);
        if (expected)
        {
            Assert.Equal("/healthz", arguments[path + 1]);
        }
    }

    [Theory]
    [InlineData("webhook-gateway", "http")]
    [InlineData("order-enricher", "http")]
    [InlineData("fba-submitter", "grpc")]
    public void Every_sidecar_has_an_mtls_identity_for_access_control(string appId, string protocol)
    {
        // The repository's Configurations deny invocation unless the caller's identity is allowed;
        // daprd knows the caller only over mTLS.
        var arguments = DaprdArguments.For(new SidecarOptions(appId) { AppPort = 5000, AppProtocol = protocol }, "host.testcontainers.internal");

        Assert.Contains("--enable-mtls", arguments);
        Assert.Equal(DaprdArguments.SentryAddress, arguments[Array.IndexOf(arguments, "--sentry-address") + 1]);
    }

    [Fact]
    public void Daprd_counts_as_started_on_the_outbound_health_answer()
    {
        // Outbound health answers before the app is up; the sidecars start before the apps.
        Assert.Equal("/v1.0/healthz/outbound", DaprdProbes.OutboundHealthPath);
        Assert.Equal(HttpStatusCode.NoContent, DaprdProbes.OutboundHealthy);
    }

    [Fact]
    public void The_subscription_wait_reads_the_metadata_answer()
    {
        const string Listed = """
            {"id":"order-enricher","subscriptions":[{"pubsubname":"fbamesh-pubsub","topic":"orders.received","deadLetterTopic":"orders.received.deadletter","type":"PROGRAMMATIC","rules":[{"match":"","path":"/events/orders-received"}]}]}
            """;
        const string OtherTopic = """{"id":"order-enricher","subscriptions":[{"pubsubname":"fbamesh-pubsub","topic":"other"}]}""";

        Assert.True(DaprdProbes.ListsSubscription(Listed, "fbamesh-pubsub", "orders.received"));
        Assert.False(DaprdProbes.ListsSubscription(OtherTopic, "fbamesh-pubsub", "orders.received"));
        Assert.False(DaprdProbes.ListsSubscription("""{"id":"order-enricher"}""", "fbamesh-pubsub", "orders.received"));
    }

    [Fact]
    public void Every_sidecar_resolves_names_through_one_shared_sqlite_table()
    {
        var root = Directory.CreateTempSubdirectory("daprd-resources-").FullName;
        try
        {
            string[] apps = ["webhook-gateway", "order-enricher", "fba-submitter"];
            DaprdResources.Write(root, [.. apps.Select(a => new SidecarOptions(a))]);

            foreach (var app in apps)
            {
                var stream = new YamlStream();
                using (var reader = File.OpenText(Path.Combine(root, "configuration", app + ".yaml")))
                {
                    stream.Load(reader);
                }

                var spec = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["spec"];
                var resolution = (YamlMappingNode)spec["nameResolution"];
                Assert.Equal("sqlite", resolution["component"].ToString());
                Assert.StartsWith(DaprdResources.NameResolutionFolder + "/", ((YamlMappingNode)resolution["configuration"])["connectionString"].ToString(), StringComparison.Ordinal);
                // Everything else is the repository's Configuration unchanged.
                var original = new YamlStream();
                using (var reader = File.OpenText(RepositoryPaths.Combine("components", "configuration", app + ".yaml")))
                {
                    original.Load(reader);
                }

                spec.Children.Remove("nameResolution");
                Assert.Equal(original.Documents[0].RootNode, stream.Documents[0].RootNode);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
