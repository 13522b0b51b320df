using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>Redelivery waits come from resiliency.yaml and run on the host's clock (here a fake one).</summary>
public sealed class BackoffTests
{
    [Fact]
    public async Task Redelivery_waits_for_the_resiliency_backoff_then_gives_up_after_max_retries()
    {
        var clock = new FakeTimeProvider();
        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/slow", () => Results.Json(new { status = "RETRY" })).WithTopic(new Dapr.TopicOptions { PubsubName = "pubsub", Name = "slow", DeadLetterTopic = "slow.dead" }));
        var resources = Path.Combine(AppContext.BaseDirectory, "TestResources", "slow-components");
        await using var host = await DaprEmulatorHost.StartAsync(
            [Sidecars.For("publisher") with { ResourcesPath = resources }, Sidecars.For("slow-app", subscriber.Port) with { ResourcesPath = resources }],
            logging: null,
            clock);
        await host["slow-app"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "slow", new Order("s", 1));
        await Eventually.UntilAsync(() => subscriber.At("/slow").Count == 1, "the first attempt");

        // Each probe moves the clock by the policy's 10 minutes; only then can the redelivery happen.
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            return subscriber.At("/slow").Count == 2;
        }, "the one redelivery");
        await Eventually.UntilAsync(() => host.PublishedTo("pubsub", "slow.dead").Count == 1, "the dead-letter after maxRetries 1");
        Assert.Equal(2, subscriber.At("/slow").Count);
    }
}
