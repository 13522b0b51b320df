using Dapr.Client;
using FbaMesh.Contracts.Events.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>Publishes fulfillment.submitted and fulfillment.failed (protobuf JSON, as every FbaMesh event).</summary>
public sealed class FulfillmentEvents(DaprClient dapr, TimeProvider time)
{
    public const string PubSubName = "fbamesh-pubsub";
    public const string SubmittedTopic = "fulfillment.submitted";
    public const string FailedTopic = "fulfillment.failed";

    public Task PublishSubmittedAsync(string orderId, string sellerFulfillmentOrderId, string outcome, CancellationToken cancellationToken) =>
        PublishAsync(SubmittedTopic, new FulfillmentSubmitted
        {
            OrderId = orderId,
            SellerFulfillmentOrderId = sellerFulfillmentOrderId,
            Outcome = outcome,
            SubmittedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);

    public Task PublishFailedAsync(string orderId, string reasonCode, string reasonMessage, CancellationToken cancellationToken) =>
        PublishAsync(FailedTopic, new FulfillmentFailed
        {
            OrderId = orderId,
            ReasonCode = reasonCode,
            ReasonMessage = reasonMessage,
            FailedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);

    private Task PublishAsync(string topic, IMessage message, CancellationToken cancellationToken) =>
        dapr.PublishByteEventAsync(
            PubSubName,
            topic,
            System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message)),
            "application/json",
            cancellationToken: cancellationToken);
}
