using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// Writes the envelope daprd builds around data that is not yet a CloudEvent, keys in the sorted
/// order Go's JSON encoder gives daprd's map, straight to UTF-8: the same text a JsonObject of these
/// keys would serialise to, without building and re-sorting that tree for every publish.
/// </summary>
internal static class Envelope
{
    public static string Write(
        PublishRequest request, string contentType, string id, string source, string type, string time, string traceParent, string traceState)
    {
        var output = new ArrayBufferWriter<byte>(request.Data.Length + 512);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            WriteData(writer, request.Data, contentType);
            writer.WriteString("datacontenttype"u8, contentType);
            writer.WriteString("id"u8, id);
            writer.WriteString("pubsubname"u8, request.PubSubName);
            writer.WriteString("source"u8, source);
            writer.WriteString("specversion"u8, "1.0"u8);
            writer.WriteString("time"u8, time);
            writer.WriteString("topic"u8, request.Topic);
            writer.WriteString("traceid"u8, traceParent);
            writer.WriteString("traceparent"u8, traceParent);
            writer.WriteString("tracestate"u8, traceState);
            writer.WriteString("type"u8, type);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>application/json data as a value, application/octet-stream as data_base64, anything else as a string.</summary>
    private static void WriteData(Utf8JsonWriter writer, byte[] data, string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
        // components-contrib's IsJSONContentType: application/json only (other +json types stay strings).
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            JsonDocument document;
            try
            {
                // What JsonNode.Parse reads (default reader options), without building nodes to write it back.
                document = JsonDocument.Parse(data);
            }
            catch (JsonException)
            {
                // daprd keeps unparsable "JSON" as a string rather than refusing the publish.
                writer.WriteString("data"u8, Encoding.UTF8.GetString(data));
                return;
            }

            using (document)
            {
                writer.WritePropertyName("data"u8);
                document.RootElement.WriteTo(writer);
            }

            return;
        }

        if (mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            // As a string, so the encoder escapes "+" as JsonObject did (WriteBase64String would not).
            writer.WriteString("data_base64"u8, Convert.ToBase64String(data));
            return;
        }

        writer.WriteString("data"u8, Encoding.UTF8.GetString(data));
    }
}
