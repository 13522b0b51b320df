using System.Net.Http.Json;
using System.Text.Json;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>GET /dapr/subscribe: retried until the app answers, re-read after the app restarts, shown in metadata.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public async Task Subscriptions_are_read_once_the_app_comes_up_after_its_sidecar()
    {
        var port = FreeTcpPort.Next();
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("subscriber-a", port));
        Assert.False(host["subscriber-a"].SubscriptionsDiscovered.IsCompleted);

        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/late", () => Results.Ok()).WithTopic("pubsub", "late"), port);
        await host["subscriber-a"].SubscriptionsDiscovered.WaitAsync(Eventually.DefaultTimeout);
        using var dapr = host["publisher"].Client();
        await dapr.PublishEventAsync("pubsub", "late", new Order("l", 1));

        await Eventually.UntilAsync(() => subscriber.At("/late").Count == 1, "the delivery");
    }

    [Fact]
    public async Task An_app_restarted_with_other_subscriptions_is_read_again()
    {
        var port = FreeTcpPort.Next();
        var first = await SubscriberApp.StartAsync(app => app.MapPost("/before", () => Results.Ok()).WithTopic("pubsub", "before"), port);
        var logs = new LogLines();
        using var logging = logs.Factory();
        await using var host = await DaprEmulatorHost.StartAsync([Sidecars.For("publisher"), Sidecars.For("subscriber-a", port)], logging);
        await host["subscriber-a"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();
        await first.DisposeAsync();

        await dapr.PublishEventAsync("pubsub", "before", new Order("lost", 1));
        // Only a delivery that finds the app gone starts re-discovery; the new app must come up after it.
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("subscriber-a is unreachable", StringComparison.Ordinal)), "the failed delivery");
        await using var second = await SubscriberApp.StartAsync(app => app.MapPost("/after", () => Results.Ok()).WithTopic("pubsub", "after"), port);
        await Eventually.UntilAsync(() => second.SubscribeCalls.Count > 0, "re-discovery");
        await Eventually.UntilAsync(async () => (await TopicsOfAsync(host["subscriber-a"])).Contains("after"), "the new subscription");
        await dapr.PublishEventAsync("pubsub", "after", new Order("a", 1));

        await Eventually.UntilAsync(() => second.At("/after").Count == 1, "the delivery to the restarted app");
        Assert.DoesNotContain("before", await TopicsOfAsync(host["subscriber-a"]));
    }

    [Fact]
    public async Task Metadata_shows_components_and_subscriptions_in_daprds_shape()
    {
        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/shown", () => Results.Ok()).WithTopic(new Dapr.TopicOptions { PubsubName = "pubsub", Name = "shown", DeadLetterTopic = "shown.dead" }));
        await using var host = await Sidecars.StartAsync(Sidecars.For("subscriber-a", subscriber.Port));
        await host["subscriber-a"].SubscriptionsDiscovered;
        using var http = new HttpClient { BaseAddress = host["subscriber-a"].HttpEndpoint };

        var metadata = await http.GetFromJsonAsync<JsonElement>("/v1.0/metadata");

        Assert.Equal("subscriber-a", metadata.GetProperty("id").GetString());
        Assert.Contains(metadata.GetProperty("components").EnumerateArray(), c => c.GetProperty("type").GetString() == "pubsub.in-memory");
        var subscription = Assert.Single(metadata.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("shown", subscription.GetProperty("topic").GetString());
        Assert.Equal("shown.dead", subscription.GetProperty("deadLetterTopic").GetString());
        Assert.Equal("shown", subscription.GetProperty("rules")[0].GetProperty("path").GetString()?.TrimStart('/'));
        Assert.Equal(subscriber.Port, metadata.GetProperty("appConnectionProperties").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task A_declarative_subscription_is_delivered_to_the_app_in_its_scopes()
    {
        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/declared", () => Results.Ok()));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("subscriber-b", subscriber.Port));
        await host["subscriber-b"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "declared", new Order("d", 1));

        await Eventually.UntilAsync(() => subscriber.At("/declared").Count == 1, "the delivery");
        Assert.Equal(["declared"], await TopicsOfAsync(host["subscriber-b"]));
        Assert.Empty(await TopicsOfAsync(host["publisher"]));
    }

    private static async Task<List<string>> TopicsOfAsync(EmulatedSidecar sidecar)
    {
        using var http = new HttpClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(sidecar.HttpEndpoint, "/v1.0/metadata"));
        return [.. metadata.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetProperty("topic").GetString()!)];
    }
}
