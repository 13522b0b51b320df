using FbaMesh.Contracts.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Publishes OrderReceived (fbamesh-pubsub / orders.received). The CloudEvent id is derived from the
/// order id, so a webhook Crystallize retries, or sends twice, is recognisable downstream as the same event.
/// </summary>
internal sealed class OrderReceivedPublisher(WebhookEventPublisher events, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string CloudEventIdPrefix = "crystallize-order-created-";

    public static string CloudEventId(string orderId) => CloudEventIdPrefix + orderId;

    /// <summary>True once the sidecar accepted the event; false when it refused or could not be reached.</summary>
    public Task<bool> PublishAsync(string orderId, string? tenantIdentifier) =>
        events.PublishAsync(options.Value.Topic, new OrderReceived
        {
            OrderId = orderId,
            TenantIdentifier = tenantIdentifier ?? string.Empty,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, CloudEventId(orderId), orderId);
}
