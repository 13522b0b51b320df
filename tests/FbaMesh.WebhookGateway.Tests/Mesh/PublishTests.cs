using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>Signed webhooks through the real endpoint to the emulated sidecar's pub/sub.</summary>
public sealed class PublishTests(GatewayWithSidecar mesh) : IClassFixture<GatewayWithSidecar>
{
    [Fact]
    public async Task A_signed_webhook_is_answered_202_and_published_once_as_OrderReceived()
    {
        var orderId = OrderIds.New();

        using var response = await mesh.Gateway.Client.SendAsync(mesh.Signed(Webhooks.QueryPayload(orderId)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(orderId, answer.GetProperty("orderId").GetString());
        Assert.Equal("accepted", answer.GetProperty("status").GetString());

        var published = Assert.Single(mesh.PublishedFor(orderId));
        Assert.Equal($"crystallize-order-created-{orderId}", published.Id);
        Assert.Equal("webhook-gateway", published.Source);
        Assert.Equal("application/json", published.DataContentType);
        var data = published.Data!.Value;
        Assert.Equal(orderId, data.GetProperty("orderId").GetString());
        Assert.Equal(GatewayWithSidecar.DevTenant, data.GetProperty("tenantIdentifier").GetString());
        Assert.True(DateTimeOffset.TryParse(data.GetProperty("receivedAt").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task The_data_is_the_OrderReceived_protobuf_JSON()
    {
        var orderId = OrderIds.New();

        using var response = await mesh.Gateway.Client.SendAsync(mesh.Signed(Webhooks.QueryPayload(orderId)));

        var data = Assert.Single(mesh.PublishedFor(orderId)).Data!.Value.GetRawText();
        var message = Google.Protobuf.JsonParser.Default.Parse<FbaMesh.Contracts.Events.V1.OrderReceived>(data);
        Assert.Equal(orderId, message.OrderId);
        Assert.Equal(GatewayWithSidecar.DevTenant, message.TenantIdentifier);
    }

    [Theory]
    [InlineData("{{\"id\":\"{0}\",\"type\":\"order\"}}")]
    [InlineData("{{\"orderId\":\"{0}\"}}")]
    public async Task Bare_payloads_are_published_too(string template)
    {
        var orderId = OrderIds.New();

        using var response = await mesh.Gateway.Client.SendAsync(mesh.Signed(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, orderId)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(mesh.PublishedFor(orderId));
    }

    [Fact]
    public async Task A_repeated_webhook_carries_the_same_CloudEvent_id_so_downstream_sees_the_duplicate()
    {
        var orderId = OrderIds.New();

        using var first = await mesh.Gateway.Client.SendAsync(mesh.Signed(Webhooks.QueryPayload(orderId)));
        using var second = await mesh.Gateway.Client.SendAsync(mesh.Signed(Webhooks.QueryPayload(orderId)));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.All(mesh.PublishedFor(orderId), e => Assert.Equal($"crystallize-order-created-{orderId}", e.Id));
        Assert.Equal(2, mesh.PublishedFor(orderId).Count());
    }

    [Fact]
    public async Task The_incoming_trace_continues_on_the_published_event()
    {
        var orderId = OrderIds.New();
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var request = mesh.Signed(Webhooks.QueryPayload(orderId));
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        // This test process also listens to HttpClient activities (the gateway's OpenTelemetry runs in
        // it), so a default client would replace the header with its own new trace: send it as given.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = mesh.Gateway.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var traceParent = Assert.Single(mesh.PublishedFor(orderId)).Envelope.GetProperty("traceparent").GetString();
        Assert.Equal(traceId, traceParent?.Split('-')[1]);
    }

    [Fact]
    public async Task Bad_inputs_publish_nothing()
    {
        var orderId = OrderIds.New();
        var body = Webhooks.QueryPayload(orderId);
        var goodToken = Webhooks.Sign(mesh.Gateway.WebhookUrl.ToString(), body, GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant);
        HttpRequestMessage[] bad =
        [
            Webhooks.Request(body, token: null),
            Webhooks.Request(body, goodToken, "text/plain"),
            Webhooks.Request(body.Replace("\"order\"", "\"order2\"", StringComparison.Ordinal), goodToken),
            Webhooks.Request(body, Webhooks.Sign(mesh.Gateway.WebhookUrl.ToString(), body, "wrong-secret", GatewayWithSidecar.DevTenant)),
            Webhooks.Request(body, Webhooks.Sign(mesh.Gateway.WebhookUrl.ToString(), body, GatewayWithSidecar.DevSecret, "other-tenant")),
            Webhooks.Request(body[..^1], goodToken),
        ];

        foreach (var request in bad)
        {
            var answer = await ProblemAnswer.SendAsync(mesh.Gateway.Client, request);
            Assert.InRange((int)answer.Status, 400, 499);
        }

        Assert.Empty(mesh.PublishedFor(orderId));
    }

    [Fact]
    public async Task Ready_when_the_sidecar_answers_and_the_secret_is_readable()
    {
        using var response = await mesh.Gateway.Client.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dapr-sidecar", body, StringComparison.Ordinal);
        Assert.Contains("signature-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayWithSidecar.DevSecret, body, StringComparison.Ordinal);
    }
}
