using System.Text.Json;

namespace FbaMesh.DaprEmulator;

/// <summary>
/// An event as it went through an emulated pub/sub topic: the CloudEvent envelope exactly as the
/// sidecar delivered it (<see cref="Json"/>). Emulator-only inspection; real Dapr has no such API.
/// </summary>
public sealed record CloudEventRecord(string PubSubName, string Topic, string Id, string Source, string Type, string? DataContentType, string Json, DateTimeOffset PublishedAt)
{
    /// <summary>The whole envelope, parsed.</summary>
    public JsonElement Envelope
    {
        get
        {
            using var document = JsonDocument.Parse(Json);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The envelope's data (JSON content types), or null when it carries data_base64 or nothing.</summary>
    public JsonElement? Data => Envelope.TryGetProperty("data", out var data) ? data : null;
}
