using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.DaprEmulator;
using FbaMesh.Testing;
using FbaMesh.WebhookGateway.Tests.Support;

namespace FbaMesh.WebhookGateway.Tests.Mesh;

/// <summary>
/// The pipeline-stage-changed webhook through the real endpoint to the emulated sidecar: the same
/// signature, size and media-type rules as order-created, one OrderStageChanged per stage the order stands in.
/// </summary>
public sealed class StageChangedWebhookTests(GatewayWithSidecar mesh) : IClassFixture<GatewayWithSidecar>
{
    private IReadOnlyList<CloudEventRecord> Published => mesh.Sidecar.PublishedTo("fbamesh-pubsub", "orders.stage-changed");

    [Fact]
    public async Task A_signed_stage_webhook_publishes_one_event_per_stage_with_an_id_from_order_pipeline_stage_and_iat()
    {
        var orderId = OrderIds.New();
        var body = Webhooks.StagePayload(orderId, ("payment", "paid"), ("fba", "cancel"));
        var token = Webhooks.Sign(new Uri(mesh.Gateway.BaseAddress, Webhooks.StagePath).ToString(), body, GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant);

        using var response = await mesh.Gateway.Client.SendAsync(Webhooks.Request(body, token, path: Webhooks.StagePath));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("stages").GetInt32());
        var iat = Webhooks.IssuedAt(token);
        var events = For(orderId);
        Assert.Equal(
            [$"crystallize-order-stage-changed-{orderId}/fba/cancel/{iat}", $"crystallize-order-stage-changed-{orderId}/payment/paid/{iat}"],
            events.Select(e => e.Id).Order(StringComparer.Ordinal));
        var cancel = Google.Protobuf.JsonParser.Default.Parse<OrderStageChanged>(
            events.Single(e => e.Id.Contains("/fba/cancel/", StringComparison.Ordinal)).Data!.Value.GetRawText());
        Assert.Equal((orderId, "fba", "cancel", GatewayWithSidecar.DevTenant), (cancel.OrderId, cancel.PipelineId, cancel.StageId, cancel.TenantIdentifier));
    }

    [Fact]
    public async Task The_same_signed_webhook_twice_carries_the_same_ids()
    {
        var orderId = OrderIds.New();
        var body = Webhooks.StagePayload(orderId, ("fba", "release"));
        var token = Webhooks.Sign(new Uri(mesh.Gateway.BaseAddress, Webhooks.StagePath).ToString(), body, GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant);

        using var first = await mesh.Gateway.Client.SendAsync(Webhooks.Request(body, token, path: Webhooks.StagePath));
        using var second = await mesh.Gateway.Client.SendAsync(Webhooks.Request(body, token, path: Webhooks.StagePath));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(2, For(orderId).Count);
        Assert.Single(For(orderId).Select(e => e.Id).Distinct());
    }

    [Theory]
    [InlineData("""{"order":{"pipelines":[]}}""", "missing-order-id")]
    [InlineData("""{"order":{"id":"not-an-order","pipelines":[]}}""", "invalid-order-id")]
    [InlineData("""{"order":{"id":"{0}"}}""", "missing-pipelines")]
    [InlineData("""{"order":{"id":"{0}","pipelines":[{"pipelineId":"fba"}]}}""", "invalid-pipelines")]
    [InlineData("""{"order":{"id":"{0}","pipelines":[{"pipelineId":"fba","stageId":"a/b"}]}}""", "invalid-pipelines")]
    [InlineData("""{"order":{"id":"{0}","pipelines":[{"pipelineId":"","stageId":"cancel"}]}}""", "invalid-pipelines")]
    public async Task A_signed_payload_without_a_usable_order_or_stages_is_400_and_nothing_is_published(string template, string code)
    {
        var orderId = OrderIds.New();
        var body = template.Replace("{0}", orderId, StringComparison.Ordinal);

        var answer = await ProblemAnswer.SendAsync(mesh.Gateway.Client, SignedStage(body));

        Assert.Equal((HttpStatusCode.BadRequest, code), (answer.Status, answer.Code));
        Assert.Empty(For(orderId));
    }

    [Fact]
    public async Task An_order_in_no_pipeline_is_accepted_with_nothing_to_publish()
    {
        var orderId = OrderIds.New();

        using var response = await mesh.Gateway.Client.SendAsync(SignedStage(Webhooks.StagePayload(orderId)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(For(orderId));
    }

    [Fact]
    public async Task The_media_type_and_size_rules_of_order_created_apply()
    {
        var orderId = OrderIds.New();
        var tooLarge = Webhooks.StagePayload(orderId, ("fba", "cancel")) + new string(' ', 2 * 1024 * 1024);

        var wrongType = await ProblemAnswer.SendAsync(mesh.Gateway.Client,
            Webhooks.Request(Webhooks.StagePayload(orderId, ("fba", "cancel")), "token", "text/plain", Webhooks.StagePath));
        var large = await ProblemAnswer.SendAsync(mesh.Gateway.Client, SignedStage(tooLarge));

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"), (wrongType.Status, wrongType.Code));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "body-too-large"), (large.Status, large.Code));
        Assert.Empty(For(orderId));
    }

    [Fact]
    public async Task A_token_signed_for_the_order_created_url_is_refused_here()
    {
        var orderId = OrderIds.New();
        var body = Webhooks.StagePayload(orderId, ("fba", "cancel"));
        var token = Webhooks.Sign(mesh.Gateway.WebhookUrl.ToString(), body, GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant);

        var answer = await ProblemAnswer.SendAsync(mesh.Gateway.Client, Webhooks.Request(body, token, path: Webhooks.StagePath));

        Assert.Equal((HttpStatusCode.Unauthorized, "signature-hmac-mismatch"), (answer.Status, answer.Code));
        Assert.Empty(For(orderId));
    }

    private HttpRequestMessage SignedStage(string body) =>
        Webhooks.Request(body, Webhooks.Sign(new Uri(mesh.Gateway.BaseAddress, Webhooks.StagePath).ToString(), body,
            GatewayWithSidecar.DevSecret, GatewayWithSidecar.DevTenant), path: Webhooks.StagePath);

    private List<CloudEventRecord> For(string orderId) =>
        [.. Published.Where(e => e.Id.StartsWith($"crystallize-order-stage-changed-{orderId}/", StringComparison.Ordinal))];
}
