using Dapr;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>
/// pubsub.redis on a real redis-server (concurrency 3; "pubsub-reclaim" with processingTimeout 1s, redeliverInterval 200ms):
/// a topic is a stream, an app id a consumer group, a settled event is XACKed, an event left pending by
/// an emulator that went away is reclaimed and delivered by the next one.
/// </summary>
public sealed class RedisPubSubTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [SkippableFact]
    public async Task A_published_event_is_a_stream_entry_and_is_acknowledged_once_the_app_took_it()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        var topic = Topic();
        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/in", () => Results.Ok()).WithTopic("pubsub", topic));
        await using var host = await Sidecars.StartAsync(redis.For("publisher"), redis.For("acker", subscriber.Port));
        await host["acker"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", topic, new Order("a", 1));

        await Eventually.UntilAsync(() => subscriber.At("/in").Count == 1, "the delivery");
        await Eventually.UntilAsync(async () => (await redis.Database.StreamPendingAsync(topic, "acker")).PendingMessageCount == 0, "the XACK");
        var entry = Assert.Single(await redis.Database.StreamRangeAsync(topic));
        Assert.Contains(subscriber.At("/in")[0].Id, entry["data"].ToString(), StringComparison.Ordinal);
        Assert.Equal("acker", Assert.Single(await redis.Database.StreamGroupInfoAsync(topic)).Name);
    }

    [SkippableFact]
    public async Task Events_published_through_one_emulator_reach_the_subscriber_of_the_next()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        var topic = Topic();
        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/later", () => Results.Ok()).WithTopic("pubsub", topic));

        // The group exists (the subscriber's sidecar made it) but that emulator is gone before anything is published.
        await using (var first = await Sidecars.StartAsync(redis.For("late-reader", subscriber.Port)))
        {
            await first["late-reader"].SubscriptionsDiscovered;
        }

        await using (var publisherOnly = await Sidecars.StartAsync(redis.For("publisher")))
        {
            using var dapr = publisherOnly["publisher"].Client();
            for (var i = 0; i < 5; i++)
            {
                await dapr.PublishEventAsync("pubsub", topic, new Order($"p{i}", i));
            }
        }

        await using var second = await Sidecars.StartAsync(redis.For("late-reader", subscriber.Port));
        await Eventually.UntilAsync(() => subscriber.At("/later").Count == 5, "five events");
        Assert.Equal(5, subscriber.At("/later").Select(d => d.Id).Distinct().Count());
    }

    [SkippableFact]
    public async Task An_event_left_unacknowledged_by_an_emulator_that_went_away_is_redelivered_after_processingTimeout()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        var topic = Topic();
        var taken = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stuck = await SubscriberApp.StartAsync(app => app.MapPost("/stuck", async (HttpRequest request, CancellationToken ct) =>
        {
            taken.TrySetResult("taken");
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        }).WithTopic("pubsub-reclaim", topic));
        await using var healthy = await SubscriberApp.StartAsync(app => app.MapPost("/stuck", () => Results.Ok()).WithTopic("pubsub-reclaim", topic));

        await using (var first = await Sidecars.StartAsync(redis.For("publisher"), redis.For("reclaimer", stuck.Port)))
        {
            await first["reclaimer"].SubscriptionsDiscovered;
            using var dapr = first["publisher"].Client();
            await dapr.PublishEventAsync("pubsub-reclaim", topic, new Order("r", 1));
            await taken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Still pending in the group: the first emulator never acknowledged it.
        Assert.Equal(1, (await redis.Database.StreamPendingAsync(topic, "reclaimer")).PendingMessageCount);

        await using var second = await Sidecars.StartAsync(redis.For("reclaimer", healthy.Port));
        await Eventually.UntilAsync(() => healthy.At("/stuck").Count >= 1, "the redelivery");
        await Eventually.UntilAsync(async () => (await redis.Database.StreamPendingAsync(topic, "reclaimer")).PendingMessageCount == 0, "the XACK");
        // At least once and only this event: an answer that takes over a second on a busy machine is reclaimed again.
        Assert.All(healthy.At("/stuck"), d => Assert.Equal(stuck.At("/stuck")[0].Id, d.Id));
    }

    [SkippableFact]
    public async Task A_consumer_group_delivers_up_to_its_concurrency_at_once()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        var topic = Topic();
        var probe = new ConcurrencyProbe(batch: 3);
        await using var subscriber = await SubscriberApp.StartAsync(app => app.MapPost("/many", async (CancellationToken ct) =>
        {
            await probe.HoldAsync(ct);
            return Results.Ok();
        }).WithTopic("pubsub", topic));
        await using var host = await Sidecars.StartAsync(redis.For("publisher"), redis.For("concurrent", subscriber.Port));
        await host["concurrent"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 9; i++)
        {
            await dapr.PublishEventAsync("pubsub", topic, new Order($"c{i}", i));
        }

        await Eventually.UntilAsync(() => probe.Finished == 9, "nine deliveries in batches of three");
        Assert.Equal(3, probe.MostInFlight);
        await Eventually.UntilAsync(async () => (await redis.Database.StreamPendingAsync(topic, "concurrent")).PendingMessageCount == 0, "every XACK");
    }

    private static string Topic() => "t-" + Guid.NewGuid().ToString("n")[..8];
}
