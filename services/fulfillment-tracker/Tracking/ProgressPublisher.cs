using System.Text;
using Dapr.Client;
using FbaMesh.Contracts;

namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>Publishes a decided event with its stable id as the CloudEvent id, so a consumer can spot a repeat.</summary>
internal sealed class ProgressPublisher(DaprClient dapr)
{
    public Task PublishAsync(PendingEvent pending, CancellationToken cancellationToken) =>
        dapr.PublishByteEventAsync(
            PubSub.Name,
            pending.Topic,
            Encoding.UTF8.GetBytes(pending.Json),
            ProtobufJsonEvents.ContentType,
            new Dictionary<string, string> { ["cloudevent.id"] = pending.Id },
            cancellationToken);
}
