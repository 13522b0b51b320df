using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

public sealed record Order(string Id, int Quantity);

public sealed partial class PubSubEnvelopeTests
{
    [Fact]
    public async Task Published_event_is_delivered_as_a_cloud_event_with_daprs_envelope()
    {
        var received = new TaskCompletionSource<Order>();
        await using var subscriber = await SubscriberApp.StartAsync(app =>
            app.MapPost("/orders", (Order order) => { received.TrySetResult(order); return Results.Ok(); }).WithTopic("pubsub", "orders"));
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("subscriber-a", subscriber.Port));
        await host["subscriber-a"].SubscriptionsDiscovered;
        using var dapr = host["publisher"].Client();

        await dapr.PublishEventAsync("pubsub", "orders", new Order("o-1", 3));

        Assert.Equal(new Order("o-1", 3), await received.Task.WaitAsync(Eventually.DefaultTimeout));
        var delivery = Assert.Single(subscriber.At("/orders"));
        Assert.Equal("application/cloudevents+json", delivery.ContentType?.Split(';')[0]);
        var e = delivery.Envelope;
        Assert.True(Guid.TryParse(e.GetProperty("id").GetString(), out _));
        Assert.Equal("publisher", e.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", e.GetProperty("type").GetString());
        Assert.Equal("1.0", e.GetProperty("specversion").GetString());
        Assert.Equal("application/json", e.GetProperty("datacontenttype").GetString());
        Assert.Equal("orders", e.GetProperty("topic").GetString());
        Assert.Equal("pubsub", e.GetProperty("pubsubname").GetString());
        Assert.True(DateTimeOffset.TryParse(e.GetProperty("time").GetString(), CultureInfo.InvariantCulture, out _));
        var traceParent = e.GetProperty("traceparent").GetString()!;
        Assert.Matches(TraceParent(), traceParent);
        Assert.Equal(traceParent, e.GetProperty("traceid").GetString());
        Assert.Equal(traceParent, delivery.TraceParent);
        Assert.Equal("o-1", e.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(3, e.GetProperty("data").GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Cloudevent_metadata_overrides_id_source_and_type()
    {
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"));
        using var dapr = host["publisher"].Client();
        var metadata = new Dictionary<string, string>
        {
            ["cloudevent.id"] = "order-0123456789abcdef01234567",
            ["cloudevent.source"] = "webhook",
            ["cloudevent.type"] = "OrderReceived",
        };

        await dapr.PublishEventAsync("pubsub", "overrides", new Order("o-2", 1), metadata);

        var record = Assert.Single(host.PublishedTo("pubsub", "overrides"));
        Assert.Equal("order-0123456789abcdef01234567", record.Id);
        Assert.Equal("webhook", record.Source);
        Assert.Equal("OrderReceived", record.Type);
        Assert.Equal("o-2", record.Data?.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Http_publish_puts_text_in_data_binary_in_data_base64_and_passes_cloud_events_through()
    {
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"));
        using var http = new HttpClient { BaseAddress = host["publisher"].HttpEndpoint };

        Assert.Equal(HttpStatusCode.NoContent, (await Post(http, "notes", "hello", "text/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post(http, "notes", "\u0001\u0002", "application/octet-stream")).StatusCode);
        var ce = """{"id":"ce-1","source":"crm","type":"crm.order","specversion":"1.0","datacontenttype":"application/json","data":{"a":1}}""";
        Assert.Equal(HttpStatusCode.NoContent, (await Post(http, "notes", ce, "application/cloudevents+json")).StatusCode);

        var envelopes = await http.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/_emulator/topics/pubsub/notes");
        Assert.NotNull(envelopes);
        Assert.Equal(3, envelopes.Length);
        Assert.Equal("hello", envelopes[0].GetProperty("data").GetString());
        Assert.Equal("text/plain", envelopes[0].GetProperty("datacontenttype").GetString());
        Assert.Equal(Convert.ToBase64String([1, 2]), envelopes[1].GetProperty("data_base64").GetString());
        Assert.False(envelopes[1].TryGetProperty("data", out _));
        Assert.Equal("ce-1", envelopes[2].GetProperty("id").GetString());
        Assert.Equal("crm", envelopes[2].GetProperty("source").GetString());
        Assert.Equal("notes", envelopes[2].GetProperty("topic").GetString());
        Assert.Equal("pubsub", envelopes[2].GetProperty("pubsubname").GetString());
        Assert.Equal(1, envelopes[2].GetProperty("data").GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task Publishing_to_a_pubsub_the_app_cannot_see_is_refused()
    {
        await using var host = await Sidecars.StartAsync(Sidecars.For("publisher"), Sidecars.For("outsider"));
        using var publisher = host["publisher"].Client();
        using var outsider = host["outsider"].Client();

        var unknown = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => publisher.PublishEventAsync("nope", "t", new Order("x", 1))));
        var scopedAway = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => outsider.PublishEventAsync("pubsub", "t", new Order("x", 1))));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Equal("pubsub nope not found", unknown.Status.Detail);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, scopedAway.StatusCode);
        Assert.Empty(host.PublishedTo("pubsub", "t"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string topic, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return http.PostAsync($"/v1.0/publish/pubsub/{topic}", content);
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();
}
