using Dapr.Client;
using Google.Protobuf;

namespace FbaMesh.Contracts;

/// <summary>Every FbaMesh event travels as protobuf JSON (application/json), the form the subscribers parse.</summary>
public static class ProtobufJsonEvents
{
    public const string ContentType = "application/json";

    public static byte[] Encode(IMessage message) =>
        System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message));

    /// <summary>Publishes one event through the sidecar; <paramref name="metadata"/> carries e.g. cloudevent.id.</summary>
    public static Task PublishProtobufJsonAsync(
        this DaprClient dapr,
        string pubSubName,
        string topic,
        IMessage message,
        Dictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        dapr.PublishByteEventAsync(pubSubName, topic, Encode(message), ContentType, metadata!, cancellationToken);
}
