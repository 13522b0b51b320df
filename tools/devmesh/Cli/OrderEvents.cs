using System.Text.Json;
using FbaMesh.DaprEmulator;

namespace FbaMesh.DevMesh.Cli;

/// <summary>Reads order ids out of the events the emulated pub/sub has seen (OrderReceived as protobuf JSON).</summary>
internal static class OrderEvents
{
    public const string PubSub = "fbamesh-pubsub";
    public const string ReceivedTopic = "orders.received";

    public static IEnumerable<string> ReceivedOrderIds(DaprEmulatorHost sidecars)
    {
        foreach (var record in sidecars.PublishedTo(PubSub, ReceivedTopic))
        {
            if (OrderIdOf(record.Data) is { } orderId)
            {
                yield return orderId;
            }
        }
    }

    private static string? OrderIdOf(JsonElement? data)
    {
        if (data is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            // Data sent as a JSON string (text content type): the object is inside it.
            try
            {
                using var inner = JsonDocument.Parse(element.GetString() ?? "");
                return OrderIdOf(inner.RootElement.Clone());
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("orderId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
    }
}
