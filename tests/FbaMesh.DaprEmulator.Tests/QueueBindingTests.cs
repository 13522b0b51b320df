using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>
/// bindings.aws.sqs emulated in process: at-least-once delivery, deleted only after a 2xx, visible again
/// after the visibility timeout (on the host's fake clock), one message per receiver at a time, and the feed.
/// </summary>
public sealed class QueueBindingTests
{
    private const string Queue = "fbamesh-test-notifications";
    private const string Region = "us-east-1";

    [Fact]
    public async Task A_message_is_posted_raw_to_the_binding_path_and_deleted_after_a_2xx()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([InputBindingTests.For("consumer", app.Port) with { AppApiToken = "app-token" }], null, clock);
        await host["consumer"].InputBindingsStarted;
        using var http = new HttpClient();

        using var fed = await http.PostAsync(host.BindingFeedUrl("consumer", "notifications"), Json("{\"NotificationType\":\"FULFILLMENT_ORDER_STATUS\"}"));
        await Eventually.UntilAsync(() => host.QueueMessages(Queue, Region).Any(m => m.State == QueuedMessageState.Delivered), "the deletion after the 200");

        Assert.Equal(HttpStatusCode.Accepted, fed.StatusCode);
        var delivery = Assert.Single(app.Posts("/notifications"));
        Assert.Equal("{\"NotificationType\":\"FULFILLMENT_ORDER_STATUS\"}", delivery.Text);
        Assert.Equal("application/json", delivery.ContentType);
        Assert.Equal("app-token", delivery.Header("dapr-api-token"));
        var message = Assert.Single(host.QueueMessages(Queue, Region));
        Assert.Equal((1, "consumer"), (message.ReceiveCount, message.DeliveredTo));
        using var answer = JsonDocument.Parse(await fed.Content.ReadAsStringAsync());
        Assert.Equal(message.Id, answer.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_non_2xx_answer_leaves_the_message_to_come_back_after_the_visibility_timeout()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        var answers = new Queue<int>([503, 404, 200]);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.StatusCode(answers.Dequeue())));
        await using var host = await DaprEmulatorHost.StartAsync(
            [InputBindingTests.For("flaky", app.Port) with { QueueVisibilityTimeout = TimeSpan.FromSeconds(10) }], null, clock);
        await host["flaky"].InputBindingsStarted;

        host.SendToQueue("flaky", "notifications", "{\"n\":1}"u8.ToArray());
        await Eventually.UntilAsync(() => app.Posts("/notifications").Count == 1, "the first delivery");
        var hidden = Assert.Single(host.QueueMessages(Queue, Region));
        Assert.Equal((QueuedMessageState.InFlight, clock.GetUtcNow().AddSeconds(10)), (hidden.State, hidden.VisibleAt));

        // Each probe moves the fake clock by the visibility timeout; only then can the message come back.
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            return host.QueueMessages(Queue, Region).Any(m => m.State == QueuedMessageState.Delivered);
        }, "the delivery that is answered 200");

        Assert.Equal(3, app.Posts("/notifications").Count);
        Assert.All(app.Posts("/notifications"), p => Assert.Equal("{\"n\":1}", p.Text));
        Assert.Equal([503, 404, 200], host.BindingDeliveries().Select(d => d.Status));
        Assert.Equal(3, Assert.Single(host.QueueMessages(Queue, Region)).ReceiveCount);
    }

    [Fact]
    public async Task A_message_sent_while_the_app_is_down_is_delivered_once_it_is_back()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        var port = FreeTcpPort.Next();
        var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()), port);
        await using var host = await DaprEmulatorHost.StartAsync([InputBindingTests.For("restarting", port)], null, clock);
        await host["restarting"].InputBindingsStarted;
        await app.DisposeAsync();

        host.SendToQueue("restarting", "notifications", "{\"n\":1}"u8.ToArray());
        await Eventually.UntilAsync(() => host.BindingDeliveries().Any(d => d is { Binding: "notifications", Status: null, Handled: false }), "the failed delivery");
        Assert.Equal(QueuedMessageState.InFlight, Assert.Single(host.QueueMessages(Queue, Region)).State);

        await using var back = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()), port);
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            return back.Posts("/notifications").Count == 1;
        }, "the redelivery to the app that is back");

        await Eventually.UntilAsync(() => host.QueueMessages(Queue, Region).Single().State == QueuedMessageState.Delivered, "the deletion");
        Assert.Equal("{\"n\":1}", back.Posts("/notifications")[0].Text);
    }

    [Fact]
    public async Task A_resiliency_retry_policy_retries_every_answer_but_200_as_daprd_does()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        var answers = new Queue<int>([500, 204, 204, 200]);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/retried", () => Results.StatusCode(answers.Dequeue())));
        await using var host = await DaprEmulatorHost.StartAsync([InputBindingTests.For("retrying", app.Port)], null, clock);
        await host["retrying"].InputBindingsStarted;

        host.SendToQueue("retrying", "retried", "first"u8.ToArray());
        // 500, then after 1 s a 204 (retried too: not 200), then after 1 s a 204 again: retries exhausted,
        // and the last answer, a 2xx, counts as handled.
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return host.QueueMessages("fbamesh-test-retried").Any(m => m.State == QueuedMessageState.Delivered);
        }, "the deletion after the retries");
        host.SendToQueue("retrying", "retried", "second"u8.ToArray());
        await Eventually.UntilAsync(() => host.QueueMessages("fbamesh-test-retried").Count(m => m.State == QueuedMessageState.Delivered) == 2, "the second message, answered 200 at once");

        Assert.Equal([500, 204, 204, 200], host.BindingDeliveries().Select(d => d.Status));
        Assert.Equal(["first", "first", "first", "second"], app.Posts("/retried").Select(p => p.Text));
        Assert.All(host.QueueMessages("fbamesh-test-retried"), m => Assert.Equal(1, m.ReceiveCount));
    }

    [Fact]
    public async Task Replicas_compete_and_a_message_in_flight_goes_to_no_other_replica()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        var release = new TaskCompletionSource();
        async Task<IResult> Handle(HttpRequest request)
        {
            using var reader = new StreamReader(request.Body);
            if (await reader.ReadToEndAsync() == "first")
            {
                await release.Task;
            }

            return Results.Ok();
        }

        await using var one = await BindingApp.StartAsync(a => a.MapPost("/notifications", Handle));
        await using var two = await BindingApp.StartAsync(a => a.MapPost("/notifications", Handle));
        await using var host = await DaprEmulatorHost.StartAsync(
            [InputBindingTests.For("worker", one.Port), InputBindingTests.For("worker", two.Port)], null, clock);
        await Task.WhenAll(host.Sidecars.Select(s => s.InputBindingsStarted));

        host.SendToQueue("worker", "notifications", "first"u8.ToArray());
        await Eventually.UntilAsync(() => one.Posts("/notifications").Count + two.Posts("/notifications").Count == 1, "the first message at one replica");
        var busy = one.Posts("/notifications").Count == 1 ? one : two;
        var free = busy == one ? two : one;
        host.SendToQueue("worker", "notifications", "second"u8.ToArray());

        // The free replica receives the oldest visible message: "first" is in flight, so "second".
        await Eventually.UntilAsync(() => free.Posts("/notifications").Count == 1, "the second message at the other replica");
        Assert.Equal("second", free.Posts("/notifications")[0].Text);
        release.SetResult();
        await Eventually.UntilAsync(() => host.QueueMessages(Queue, Region).All(m => m.State == QueuedMessageState.Delivered), "both deletions");

        Assert.Equal(["first"], busy.Posts("/notifications").Select(p => p.Text));
        Assert.All(host.QueueMessages(Queue, Region), m => Assert.Equal(1, m.ReceiveCount));
    }

    [Fact]
    public async Task Many_messages_over_two_replicas_are_each_handled_exactly_once()
    {
        var clock = new TimerCountingClock(DateTimeOffset.UnixEpoch);
        await using var one = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var two = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync(
            [InputBindingTests.For("pool", one.Port), InputBindingTests.For("pool", two.Port)], null, clock);
        await Task.WhenAll(host.Sidecars.Select(s => s.InputBindingsStarted));
        using var http = new HttpClient();

        var sent = Enumerable.Range(1, 40).Select(i => $"{{\"n\":{i}}}").ToList();
        foreach (var body in sent)
        {
            using var fed = await http.PostAsync(host.BindingFeedUrl("pool", "notifications"), Json(body));
            Assert.Equal(HttpStatusCode.Accepted, fed.StatusCode);
        }

        await Eventually.UntilAsync(() => host.QueueMessages(Queue, Region).Count(m => m.State == QueuedMessageState.Delivered) == 40, "every deletion");

        var received = one.Posts("/notifications").Concat(two.Posts("/notifications")).Select(p => p.Text).Order(StringComparer.Ordinal);
        Assert.Equal(sent.Order(StringComparer.Ordinal), received);
    }

    [Fact]
    public async Task The_feed_refuses_what_sqs_would_not_take_and_queues_nothing()
    {
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([InputBindingTests.For("fed", app.Port)], null, new TimerCountingClock(DateTimeOffset.UnixEpoch));
        using var http = new HttpClient { BaseAddress = host["fed"].HttpEndpoint };

        var unknown = await http.PostAsync("/_emulator/bindings/no-such-binding", Json("{}"));
        var cron = await http.PostAsync("/_emulator/bindings/tick", Json("{}"));
        var empty = await http.PostAsync("/_emulator/bindings/notifications", Json(""));
        var binary = await http.PostAsync("/_emulator/bindings/notifications", new ByteArrayContent([0xff, 0xfe, 0x00]));
        var large = await http.PostAsync("/_emulator/bindings/notifications", Json(new string('x', FeedEndpoint.MaxMessageBytes + 1)));
        var largeChunked = await http.PostAsync("/_emulator/bindings/notifications", new StreamContent(new MemoryStream(new byte[FeedEndpoint.MaxMessageBytes + 1])) { Headers = { ContentLength = null } });

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge],
            new[] { unknown, cron, empty, binary, large, largeChunked }.Select(r => r.StatusCode));
        foreach (var refused in new[] { unknown, cron, empty, binary, large, largeChunked })
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(host.QueueMessages(Queue, Region));
        Assert.Empty(app.Posts("/notifications"));
    }

    [Fact]
    public async Task The_feed_needs_no_dapr_api_token_but_everything_else_still_does()
    {
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync(
            [InputBindingTests.For("guarded", app.Port) with { DaprApiToken = "dapr-token" }], null, new TimerCountingClock(DateTimeOffset.UnixEpoch));
        using var http = new HttpClient { BaseAddress = host["guarded"].HttpEndpoint };

        var fed = await http.PostAsync("/_emulator/bindings/notifications", Json("{}"));
        var inspect = await http.GetAsync("/_emulator/bindings/notifications");
        var nested = await http.PostAsync("/_emulator/bindings/notifications/extra", Json("{}"));
        var publish = await http.PostAsync("/v1.0/publish/pubsub/t", Json("{}"));
        using var grpcPort = new HttpClient { BaseAddress = host["guarded"].GrpcEndpoint, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var onGrpcPort = await grpcPort.PostAsync("/_emulator/bindings/notifications", Json("{}"));

        Assert.Equal(HttpStatusCode.Accepted, fed.StatusCode);
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { inspect, nested, publish, onGrpcPort }.Select(r => r.StatusCode));
        await Eventually.UntilAsync(() => app.Posts("/notifications").Count == 1, "the delivery of the fed message");
    }

    [Fact]
    public async Task The_inspection_endpoint_shows_messages_and_deliveries()
    {
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/notifications", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([InputBindingTests.For("inspected", app.Port)], null, new TimerCountingClock(DateTimeOffset.UnixEpoch));
        using var http = new HttpClient { BaseAddress = host["inspected"].HttpEndpoint };
        using var fed = await http.PostAsync("/_emulator/bindings/notifications", new StringContent("{\"a\":1}", MediaTypeHeaderValue.Parse("application/json; charset=utf-8")));
        await Eventually.UntilAsync(() => host.QueueMessages(Queue, Region).Any(m => m.State == QueuedMessageState.Delivered), "the deletion");

        using var view = JsonDocument.Parse(await http.GetStringAsync("/_emulator/bindings/notifications"));

        var message = Assert.Single(view.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal(("Delivered", "{\"a\":1}", "application/json; charset=utf-8"), (message.GetProperty("state").GetString(), message.GetProperty("body").GetString(), message.GetProperty("contentType").GetString()));
        Assert.True(view.RootElement.GetProperty("reading").GetBoolean());
        Assert.Equal(200, Assert.Single(view.RootElement.GetProperty("deliveries").EnumerateArray()).GetProperty("status").GetInt32());
    }

    private static StringContent Json(string body) => new(body, MediaTypeHeaderValue.Parse("application/json"));
}
