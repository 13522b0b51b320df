using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>What an app asked its sidecar to publish (gRPC PublishEvent or HTTP POST /v1.0/publish).</summary>
internal sealed record PublishRequest(string PubSubName, string Topic, byte[] Data, string? DataContentType, IReadOnlyDictionary<string, string> Metadata, string? TraceParent, string? TraceState);

/// <summary>
/// Builds the CloudEvent 1.0 envelope as daprd does: id (uuid unless cloudevent.id), source (the app id
/// unless cloudevent.source), type com.dapr.event.sent (unless cloudevent.type), specversion, datacontenttype
/// (text/plain when none), topic, pubsubname, time, traceid/traceparent/tracestate; application/json data as a value,
/// application/octet-stream as data_base64, anything else as a string. Data that already is a CloudEvent
/// (application/cloudevents+json) passes through with topic, pubsubname and trace fields set.
/// Keys are written in sorted order, as Go's JSON encoder writes daprd's map.
/// </summary>
internal static class CloudEventFactory
{
    public const string CloudEventContentType = "application/cloudevents+json";

    public static JsonObject Create(PublishRequest request, string appId, TimeProvider time)
    {
        var meta = new Dictionary<string, string>(request.Metadata, StringComparer.OrdinalIgnoreCase);
        var traceParent = meta.GetValueOrDefault("cloudevent.traceparent") ?? meta.GetValueOrDefault("cloudevent.traceid") ?? TraceContext.ChildOf(request.TraceParent);
        var traceState = meta.GetValueOrDefault("cloudevent.tracestate") ?? request.TraceState ?? "";
        var contentType = string.IsNullOrEmpty(request.DataContentType) ? "text/plain" : request.DataContentType;

        JsonObject envelope;
        if (IsCloudEvent(contentType))
        {
            envelope = ParseCloudEvent(request.Data);
            envelope.TryAdd("time", Now(time));
            envelope.TryAdd("source", "Dapr");
            envelope.TryAdd("type", "com.dapr.event.sent");
            envelope.TryAdd("specversion", "1.0");
        }
        else
        {
            envelope = new JsonObject
            {
                ["id"] = meta.GetValueOrDefault("cloudevent.id") ?? Guid.NewGuid().ToString(),
                ["source"] = meta.GetValueOrDefault("cloudevent.source") ?? appId,
                ["type"] = meta.GetValueOrDefault("cloudevent.type") ?? "com.dapr.event.sent",
                ["specversion"] = "1.0",
                ["datacontenttype"] = contentType,
                ["time"] = Now(time),
            };
            AddData(envelope, request.Data, contentType);
        }

        envelope["topic"] = request.Topic;
        envelope["pubsubname"] = request.PubSubName;
        envelope["traceid"] = traceParent;
        envelope["traceparent"] = traceParent;
        envelope["tracestate"] = traceState;
        return Sorted(envelope);
    }

    /// <summary>RFC 3339 to the second, as Go's time.RFC3339 writes it.</summary>
    private static string Now(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject ParseCloudEvent(byte[] data)
    {
        try
        {
            if (JsonNode.Parse(data) is JsonObject cloudEvent)
            {
                return cloudEvent;
            }
        }
        catch (JsonException)
        {
            // Answered below as daprd answers a body it cannot read as a CloudEvent.
        }

        throw new DaprApiException(Grpc.Core.StatusCode.InvalidArgument, 400, "ERR_PUBSUB_CLOUD_EVENTS_SER", "the data is not a CloudEvent JSON object");
    }

    public static bool IsCloudEvent(string? contentType) =>
        contentType?.StartsWith(CloudEventContentType, StringComparison.OrdinalIgnoreCase) == true;

    private static void AddData(JsonObject envelope, byte[] data, string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        // components-contrib's IsJSONContentType: application/json only (other +json types stay strings).
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                envelope["data"] = JsonNode.Parse(data);
                return;
            }
            catch (JsonException)
            {
                // daprd keeps unparsable "JSON" as a string rather than refusing the publish.
            }
        }
        else if (mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            envelope["data_base64"] = Convert.ToBase64String(data);
            return;
        }

        envelope["data"] = Encoding.UTF8.GetString(data);
    }

    private static JsonObject Sorted(JsonObject envelope)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in envelope.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            envelope.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
