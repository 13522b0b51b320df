using System.Text.Json;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>The orderId inside a CloudEvent envelope whose data is an OrderReceived (protobuf JSON).</summary>
internal static class EventOrderId
{
    public static string Of(string cloudEventJson)
    {
        using var envelope = JsonDocument.Parse(cloudEventJson);
        var data = envelope.RootElement.GetProperty("data");
        if (data.ValueKind == JsonValueKind.String)
        {
            // Some publishers hand Dapr the event as a JSON string; it is then nested once more.
            using var inner = JsonDocument.Parse(data.GetString()!);
            return inner.RootElement.GetProperty("orderId").GetString()!;
        }

        return data.GetProperty("orderId").GetString()!;
    }
}
