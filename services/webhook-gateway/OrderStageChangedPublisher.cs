using System.Globalization;
using FbaMesh.Contracts.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Publishes OrderStageChanged (fbamesh-pubsub / orders.stage-changed), one per stage the order stands in.
/// The CloudEvent id is derived from order, pipeline, stage and the signature token's iat: the same
/// webhook delivered twice is the same event, while a later move back into a stage is a new one.
/// A Crystallize retry is freshly signed (new iat), so the enricher does not rely on the id alone: it
/// records each command in the order's state and does it once.
/// </summary>
internal sealed class OrderStageChangedPublisher(WebhookEventPublisher events, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string CloudEventIdPrefix = "crystallize-order-stage-changed-";

    // Pipeline and stage ids hold no '/' (StageChangeReader), so the id reads back unambiguously.
    public static string CloudEventId(string orderId, string pipelineId, string stageId, long issuedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{CloudEventIdPrefix}{orderId}/{pipelineId}/{stageId}/{issuedAt}");

    public Task<bool> PublishAsync(string orderId, PipelineStage stage, string? tenantIdentifier, long issuedAt) =>
        events.PublishAsync(options.Value.StageChangedTopic, new OrderStageChanged
        {
            OrderId = orderId,
            PipelineId = stage.PipelineId,
            StageId = stage.StageId,
            TenantIdentifier = tenantIdentifier ?? string.Empty,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, CloudEventId(orderId, stage.PipelineId, stage.StageId, issuedAt), orderId);
}
