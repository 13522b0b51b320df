using Dapr;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>How an app's answer settles a delivery (test resiliency: constant 20 ms, 3 retries) and how many run at once.</summary>
public sealed class PubSubDeliveryTests
{
    [Fact]
    public async Task Retry_and_500_are_redelivered_until_the_app_succeeds()
    {
        int flaky = 0, broken = 0;
        await using var subscriber = await SubscriberApp.StartAsync(app =>
        {
            app.MapPost("/flaky", () => Interlocked.Increment(ref flaky) == 1 ? Results.Json(new { status = "RETRY" }) : Results.Json(new { status = "SUCCESS" }))
                .WithTopic("pubsub", "flaky");
            app.MapPost("/broken", () => Interlocked.Increment(ref broken) == 1 ? Results.StatusCode(500) : Results.Ok())
                .WithTopic("pubsub", "broken");
        });
        await using var host = await StartAsync(subscriber);
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "flaky", new Order("f", 1));
        await dapr.PublishEventAsync("pubsub", "broken", new Order("b", 1));

        await Eventually.UntilAsync(() => subscriber.At("/flaky").Count == 2 && subscriber.At("/broken").Count == 2, "two attempts each");
        Assert.Single(subscriber.At("/flaky").Select(d => d.Id).Distinct());
        Assert.Single(subscriber.At("/broken").Select(d => d.Id).Distinct());
    }

    [Fact]
    public async Task Drop_and_404_go_to_the_dead_letter_topic_without_redelivery()
    {
        await using var subscriber = await SubscriberApp.StartAsync(app =>
        {
            app.MapPost("/drop", () => Results.Json(new { status = "DROP" })).WithTopic(Topic("drop", "poison"));
            app.MapPost("/gone", () => Results.NotFound()).WithTopic(Topic("gone", "poison"));
            app.MapPost("/poison", () => Results.Ok()).WithTopic("pubsub", "poison");
        });
        await using var host = await StartAsync(subscriber);
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "drop", new Order("d", 1));
        await dapr.PublishEventAsync("pubsub", "gone", new Order("g", 1));

        await Eventually.UntilAsync(() => subscriber.At("/poison").Count == 2, "both events on the dead-letter topic");
        var originals = subscriber.At("/drop").Concat(subscriber.At("/gone")).Select(d => d.Id).Order().ToList();
        Assert.Equal(2, originals.Count);
        Assert.Equal(originals, subscriber.At("/poison").Select(d => d.Id).Order());
        Assert.Equal(originals, host.PublishedTo("pubsub", "poison").Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Exhausted_retries_go_to_the_dead_letter_topic()
    {
        await using var subscriber = await SubscriberApp.StartAsync(app =>
        {
            app.MapPost("/busy", () => Results.StatusCode(503)).WithTopic(Topic("busy", "busy.dead"));
            app.MapPost("/busy-dead", () => Results.Ok()).WithTopic("pubsub", "busy.dead");
        });
        await using var host = await StartAsync(subscriber);
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "busy", new Order("b", 1));

        await Eventually.UntilAsync(() => subscriber.At("/busy-dead").Count == 1, "the event on the dead-letter topic");
        Assert.Equal(4, subscriber.At("/busy").Count); // the first attempt and maxRetries 3
    }

    [Fact]
    public async Task Two_subscriber_apps_both_receive_every_event()
    {
        await using var a = await SubscriberApp.StartAsync(app => app.MapPost("/fanout", () => Results.Ok()).WithTopic("pubsub", "fanout"));
        await using var b = await SubscriberApp.StartAsync(app => app.MapPost("/fanout", () => Results.Ok()).WithTopic("pubsub", "fanout"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("subscriber-a", a.Port), Sidecars.For("subscriber-b", b.Port));
        await Task.WhenAll(host["subscriber-a"].SubscriptionsDiscovered, host["subscriber-b"].SubscriptionsDiscovered);
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 3; i++)
        {
            await dapr.PublishEventAsync("pubsub", "fanout", new Order($"o{i}", i));
        }

        await Eventually.UntilAsync(() => a.At("/fanout").Count == 3 && b.At("/fanout").Count == 3, "three events at each app");
        // Delivery is concurrent (as on Redis streams), so only the set of events is the same, not their order.
        Assert.Equal(a.At("/fanout").Select(d => d.Id).Order(), b.At("/fanout").Select(d => d.Id).Order());
    }

    [Fact]
    public async Task Replicas_of_one_app_id_compete_for_each_event()
    {
        await using var one = await SubscriberApp.StartAsync(app => app.MapPost("/work", () => Results.Ok()).WithTopic("pubsub", "work"));
        await using var two = await SubscriberApp.StartAsync(app => app.MapPost("/work", () => Results.Ok()).WithTopic("pubsub", "work"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("workers", one.Port), Sidecars.For("workers", two.Port));
        await Task.WhenAll(host.Sidecars.Select(s => s.SubscriptionsDiscovered));
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 10; i++)
        {
            await dapr.PublishEventAsync("pubsub", "work", new Order($"w{i}", i));
        }

        await Eventually.UntilAsync(() => one.Deliveries.Count + two.Deliveries.Count == 10, "ten deliveries in all");
        var ids = one.Deliveries.Concat(two.Deliveries).Select(d => d.Id).ToList();
        Assert.Equal(10, ids.Distinct().Count());
        Assert.NotEmpty(one.Deliveries);
        Assert.NotEmpty(two.Deliveries);
    }

    [Fact]
    public async Task With_concurrency_1_events_reach_a_subscriber_in_publish_order_even_when_one_is_redelivered()
    {
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/seq", async (Order order) =>
            {
                await Task.Delay(Random.Shared.Next(0, 15));
                var attempt = attempts.AddOrUpdate(order.Quantity, 1, (_, n) => n + 1);
                return order.Quantity == 2 && attempt == 1 ? Results.Json(new { status = "RETRY" }) : Results.Ok();
            }).WithTopic("pubsub-serial", "seq"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("ordered", subscriber.Port));
        await host["ordered"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 8; i++)
        {
            await dapr.PublishEventAsync("pubsub-serial", "seq", new Order($"s{i}", i));
        }

        await Eventually.UntilAsync(() => subscriber.At("/seq").Count == 9, "eight events and one redelivery");
        var order = subscriber.At("/seq").Select(d => d.Envelope.GetProperty("data").GetProperty("quantity").GetInt32());
        Assert.Equal([0, 1, 2, 2, 3, 4, 5, 6, 7], order);
    }

    [Fact]
    public async Task One_event_held_by_the_app_does_not_hold_up_the_events_behind_it()
    {
        // The first event is held until it and the five behind it have all arrived. One at a time, the five
        // could never arrive while it is held and the test would time out; concurrently they may arrive
        // before or after it, so what is checked is the answer order, not the arrival order.
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstArrived = 0;
        var others = 0;
        var answered = new System.Collections.Concurrent.ConcurrentQueue<int>();
        void ReleaseWhenAllArrived()
        {
            if (Volatile.Read(ref firstArrived) == 1 && Volatile.Read(ref others) == 5)
            {
                released.TrySetResult();
            }
        }

        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/held", async (Order order) =>
            {
                if (order.Quantity == 0)
                {
                    Interlocked.Exchange(ref firstArrived, 1);
                    ReleaseWhenAllArrived();
                    await released.Task;
                }
                else
                {
                    // Answered before it counts: the last of the five releases the first, whose answer must
                    // not overtake this one's.
                    answered.Enqueue(order.Quantity);
                    Interlocked.Increment(ref others);
                    ReleaseWhenAllArrived();
                    return Results.Ok();
                }

                answered.Enqueue(order.Quantity);
                return Results.Ok();
            }).WithTopic("pubsub", "held"));
        await using var host = await StartAsync(subscriber);
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 6; i++)
        {
            await dapr.PublishEventAsync("pubsub", "held", new Order($"h{i}", i));
        }

        await Eventually.UntilAsync(() => answered.Count == 6, "all six answered");
        Assert.True(released.Task.IsCompleted);
        Assert.Equal(6, subscriber.At("/held").Count);
        Assert.Equal(0, answered.Last());
        Assert.Equal([1, 2, 3, 4, 5], answered.Take(5).Order());
    }

    [Fact]
    public async Task Deliveries_run_concurrently_up_to_the_components_concurrency_and_never_beyond()
    {
        var probe = new ConcurrencyProbe(batch: 3);
        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/limited", async (CancellationToken ct) =>
            {
                await probe.HoldAsync(ct);
                return Results.Ok();
            }).WithTopic("pubsub-limited", "limited"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("limited", subscriber.Port));
        await host["limited"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 9; i++)
        {
            await dapr.PublishEventAsync("pubsub-limited", "limited", new Order($"l{i}", i));
        }

        await Eventually.UntilAsync(() => probe.Finished == 9, "nine deliveries in batches of three");
        Assert.Equal(3, probe.MostInFlight);
        Assert.Equal(9, subscriber.At("/limited").Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task Each_replica_brings_its_own_concurrency_as_each_daprd_runs_its_own_workers()
    {
        // Component concurrency 3, two replicas: six in flight at once, never more.
        var probe = new ConcurrencyProbe(batch: 6);
        Func<CancellationToken, Task<IResult>> hold = async ct =>
        {
            await probe.HoldAsync(ct);
            return Results.Ok();
        };
        await using var one = await SubscriberApp.StartAsync(app => app.MapPost("/limited", hold).WithTopic("pubsub-limited", "limited"));
        await using var two = await SubscriberApp.StartAsync(app => app.MapPost("/limited", hold).WithTopic("pubsub-limited", "limited"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("limited", one.Port), Sidecars.For("limited", two.Port));
        await Task.WhenAll(host.Sidecars.Select(s => s.SubscriptionsDiscovered));
        using var dapr = host["publisher"].Client();

        for (var i = 0; i < 18; i++)
        {
            await dapr.PublishEventAsync("pubsub-limited", "limited", new Order($"r{i}", i));
        }

        await Eventually.UntilAsync(() => probe.Finished == 18, "eighteen deliveries in batches of six");
        Assert.Equal(6, probe.MostInFlight);
        Assert.Equal(18, one.At("/limited").Concat(two.At("/limited")).Select(d => d.Id).Distinct().Count());
    }

    private static TopicOptions Topic(string name, string deadLetter) => new() { PubsubName = "pubsub", Name = name, DeadLetterTopic = deadLetter };

    private static async Task<DaprEmulatorHost> StartAsync(SubscriberApp subscriber)
    {
        var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("subscriber-a", subscriber.Port));
        await host["subscriber-a"].SubscriptionsDiscovered;
        return host;
    }
}
