using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>Publishes fulfillment.submitted and fulfillment.failed (protobuf JSON, as every FbaMesh event).</summary>
internal sealed class FulfillmentEvents(DaprClient dapr, TimeProvider time)
{
    public Task PublishSubmittedAsync(string orderId, string sellerFulfillmentOrderId, string outcome, CancellationToken cancellationToken) =>
        PublishAsync(PubSub.FulfillmentSubmitted, new FulfillmentSubmitted
        {
            OrderId = orderId,
            SellerFulfillmentOrderId = sellerFulfillmentOrderId,
            Outcome = outcome,
            SubmittedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);

    public Task PublishFailedAsync(string orderId, string reasonCode, string reasonMessage, CancellationToken cancellationToken) =>
        PublishAsync(PubSub.FulfillmentFailed, new FulfillmentFailed
        {
            OrderId = orderId,
            ReasonCode = reasonCode,
            ReasonMessage = reasonMessage,
            FailedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);

    private Task PublishAsync(string topic, IMessage message, CancellationToken cancellationToken) =>
        dapr.PublishProtobufJsonAsync(PubSub.Name, topic, message, cancellationToken: cancellationToken);
}
