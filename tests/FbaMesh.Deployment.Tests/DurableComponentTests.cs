using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// components/durable: the same components as components/ (names, scopes, secret store, resiliency),
/// with pubsub.redis and state.redis whose metadata fields all exist in components-contrib.
/// </summary>
public sealed class DurableComponentTests
{
    /// <summary>pubsub/redis/metadata.yaml and state/redis/metadata.yaml fields FbaMesh may set (authentication aside).</summary>
    private static readonly Dictionary<string, string[]> KnownFields = new(StringComparer.Ordinal)
    {
        ["pubsub.redis"] = ["redisHost", "redisPassword", "redisUsername", "redisDB", "enableTLS", "consumerID", "processingTimeout", "redeliverInterval", "queueDepth", "concurrency", "maxLenApprox", "streamTTL"],
        ["state.redis"] = ["redisHost", "redisPassword", "redisUsername", "redisDB", "enableTLS", "keyPrefix", "ttlInSeconds"],
    };

    private static string Durable => RepositoryPaths.Combine("components", "durable");

    private static Dictionary<string, JsonObject> Components(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml").SelectMany(YamlDocuments.Load)
            .Where(d => d["kind"].Text() == "Component")
            .ToDictionary(c => c["metadata"]!["name"].Text());

    [Fact]
    public void The_durable_components_have_the_names_and_scopes_of_the_in_memory_ones()
    {
        var local = Components(RepositoryPaths.Combine("components"));
        var durable = Components(Durable);

        Assert.Equal(local.Keys.Order(StringComparer.Ordinal), durable.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, component) in local)
        {
            Assert.Equal(Scopes(component), Scopes(durable[name]));
        }
    }

    [Fact]
    public void The_durable_components_use_redis_with_fields_components_contrib_knows()
    {
        var durable = Components(Durable);

        Assert.Equal("pubsub.redis", durable["fbamesh-pubsub"]["spec"]!["type"].Text());
        Assert.Equal("state.redis", durable["fbamesh-state"]["spec"]!["type"].Text());
        foreach (var name in new[] { "fbamesh-pubsub", "fbamesh-state" })
        {
            var spec = durable[name]["spec"]!;
            var fields = spec["metadata"]!.AsArray().Select(m => m!["name"].Text()).ToList();
            Assert.Contains("redisHost", fields);
            Assert.All(fields, f => Assert.Contains(f, KnownFields[spec["type"].Text()]));
        }
    }

    [Fact]
    public void Processing_timeout_outlasts_one_delivery_so_a_slow_delivery_is_not_handed_out_twice()
    {
        var pubsub = Components(Durable)["fbamesh-pubsub"]["spec"]!["metadata"]!.AsArray();
        var processing = Seconds(pubsub.Single(m => m!["name"].Text() == "processingTimeout")!["value"].Text());
        var resiliency = YamlDocuments.Load(Path.Combine(Durable, "resiliency.yaml")).Single();
        var delivery = Seconds(resiliency["spec"]!["policies"]!["timeouts"]!["delivery"].Text());

        Assert.True(processing > delivery, $"processingTimeout {processing} s must exceed the per-delivery timeout {delivery} s");
    }

    [Theory]
    [InlineData("secretstore.yaml")]
    [InlineData("resiliency.yaml")]
    [InlineData("redrive.yaml")]
    [InlineData("reconcile.yaml")]
    [InlineData("tracking-poll.yaml")]
    [InlineData("amazon-notifications.yaml")]
    public void The_secret_store_resiliency_and_bindings_are_those_of_components(string file)
    {
        var local = YamlDocuments.Load(RepositoryPaths.Combine("components", file));
        var durable = YamlDocuments.Load(Path.Combine(Durable, file));

        Assert.Equal(local.Count, durable.Count);
        for (var i = 0; i < local.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(local[i], durable[i]), $"components/durable/{file} differs from components/{file}");
        }
    }

    private static string[] Scopes(JsonObject component) =>
        component["scopes"]?.AsArray().Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray() ?? [];

    private static double Seconds(string duration) =>
        duration.EndsWith("ms", StringComparison.Ordinal) ? double.Parse(duration[..^2], System.Globalization.CultureInfo.InvariantCulture) / 1000
        : duration.EndsWith('s') ? double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture)
        : duration.EndsWith('m') ? double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture) * 60
        : throw new FormatException(duration);
}
