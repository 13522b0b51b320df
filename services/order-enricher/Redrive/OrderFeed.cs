using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>
/// Sends an order in again by publishing OrderReceived on orders.received, as the gateway does for a
/// webhook: the redrive and the sweep take the same path as a received event, with its claim, so a
/// second feed of an order that is already being worked on or done cannot make a second Amazon order.
/// </summary>
internal sealed class OrderFeed(DaprClient dapr, TimeProvider time)
{
    public Task FeedAsync(string orderId, CancellationToken cancellationToken) =>
        dapr.PublishProtobufJsonAsync(
            PubSub.Name,
            PubSub.OrdersReceived,
            new OrderReceived { OrderId = orderId, ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) },
            cancellationToken: cancellationToken);
}
